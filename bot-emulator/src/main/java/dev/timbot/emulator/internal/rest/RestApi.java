package dev.timbot.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One REST command. Returns the fields to add to the success envelope (may be empty); a
 * business error is thrown as {@link dev.timbot.im.ImError}, which becomes a FAIL envelope.
 * An implementation may set {@code ActionStatus} itself (batchsendmsg's {@code SomeError}).
 */
@FunctionalInterface
public interface RestApi {
  ObjectNode call(RestCall call);
}
