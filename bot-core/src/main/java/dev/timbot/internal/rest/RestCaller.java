package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/** Sends one request through the whole chain; completes with the envelope or an ImException. */
@FunctionalInterface
public interface RestCaller {
  CompletableFuture<ObjectNode> call(RestRequest request);
}
