package dev.timbot;

import dev.timbot.spi.Session;
import dev.timbot.Context.AskTimeoutException;

import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.spi.MediaStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.MatchResult;

/**
 * What a handler gets: the message, who sent it, what matched, and ways to answer. Sends go
 * through the outbound interceptors and return a future of the {@link SentMessage}; a failed
 * send completes exceptionally with an {@link dev.timbot.spi.ImException} and is also reported
 * as an {@code ERROR} event, so an ignored future loses nothing.
 */
public interface Context {

  // --- the message ------------------------------------------------------------------------------

  Message message();

  Conversation conversation();

  /** The sender's user ID. */
  String sender();

  /** The bot's own account. */
  String self();

  boolean isGroup();

  /** The message's text, with a leading @-mention of the bot removed in groups. */
  String text();

  /** The first image, if any (null when the message has none). */
  ImageElem image();

  /** The first custom element (null when the message has none). */
  CustomElem custom();

  // --- what matched -----------------------------------------------------------------------------

  /** For command handlers: the arguments after the command name, split like a shell. */
  List<String> args();

  /** For command handlers: everything after the command name, trimmed. */
  String argText();

  /** For regex handlers: the match (groups by index or name). */
  Optional<MatchResult> match();

  // --- answering --------------------------------------------------------------------------------

  CompletableFuture<SentMessage> reply(String text);

  CompletableFuture<SentMessage> reply(MessageElem... elements);

  CompletableFuture<SentMessage> reply(List<? extends MessageElem> elements);

  /** An image from bytes: stored in the {@link MediaStore}; width, height, size and format filled in. */
  CompletableFuture<SentMessage> replyImage(byte[] bytes);

  CompletableFuture<SentMessage> replyImage(Path file);

  /** An image already reachable at {@code url} (dimensions unknown, sent as 0). */
  CompletableFuture<SentMessage> replyImage(URI url);

  CompletableFuture<SentMessage> replyFile(Path file);

  CompletableFuture<SentMessage> replyFile(byte[] bytes, String fileName);

  CompletableFuture<SentMessage> replyFace(int index, String data);

  /**
   * A custom message whose {@code Data} is {@code payload} encoded by the encoder registered for
   * its class ({@code on.encoder(...)}), or as JSON when none is.
   */
  CompletableFuture<SentMessage> replyCustom(Object payload);

  /** A custom message with raw {@code Data}. */
  CompletableFuture<SentMessage> replyCustomJson(String data);

  /** Sends to any conversation as the bot. */
  CompletableFuture<SentMessage> send(Conversation to, List<? extends MessageElem> elements);

  CompletableFuture<SentMessage> send(Conversation to, String text);

  /** Recalls a message the bot sent. */
  CompletableFuture<Void> revoke(SentMessage sent);

  /** Recalls a received message (C2C by MsgKey, group by MsgSeq). */
  CompletableFuture<Void> revoke(Message message);

  /** Marks the C2C conversation read up to this message; groups fail with UnsupportedOperationException. */
  CompletableFuture<Void> markRead();

  // --- multi-turn -------------------------------------------------------------------------------

  /**
   * Sends {@code prompt} and completes with the context of the same user's next message in this
   * conversation (that message goes to the waiting future instead of the handlers). On timeout,
   * measured on the bot's clock, the future completes exceptionally with {@link
   * AskTimeoutException}. Dependent stages run in the conversation's lane, in order.
   */
  CompletableFuture<Context> ask(String prompt, Duration timeout);

  /** Like {@link #ask(String, Duration)}, calling {@code onTimeout} with this context on timeout. */
  CompletableFuture<Context> ask(String prompt, Duration timeout, Consumer<Context> onTimeout);

  // --- lookups and services ---------------------------------------------------------------------

  /** The sender's profile (cached for {@code dispatch.profileCacheTtl}). */
  CompletableFuture<UserProfile> senderProfile();

  /** The group's info; fails for C2C conversations. */
  CompletableFuture<GroupInfo> groupInfo();

  /** This conversation's session. */
  Session session();

  BotClock clock();

  /** The full IM client, acting as the app administrator. */
  ImAdmin im();

  /** Completes the future of {@link Context#ask} when the user did not answer in time. */
  public class AskTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AskTimeoutException(Conversation conversation, String user, Duration timeout) {
      super("no answer from " + user + " in " + conversation + " within " + timeout);
    }
  }
}
