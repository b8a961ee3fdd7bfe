package dev.timbot.internal.runtime;

import dev.timbot.spi.BotClock;
import dev.timbot.Context;
import dev.timbot.SentMessage;
import dev.timbot.spi.Session;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.internal.dispatch.Match;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.TextElem;
import dev.timbot.Handlers.CustomEncoder;
import dev.timbot.Outgoing;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** The {@link Context} of one message for one handler. */
public final class ContextImpl implements Context {
  private static final Pattern LEADING_MENTIONS = Pattern.compile("^(\\s*@\\S+)+\\s*");

  private final Services services;
  private final Message message;
  private final String text;
  private final Match match;

  public ContextImpl(Services services, Message message, String text, Match match) {
    this.services = services;
    this.message = message;
    this.text = text;
    this.match = match == null ? Match.YES : match;
  }

  /** The text handlers match on: in a group that mentions someone, leading @-mentions are removed. */
  public static String matchText(Message message) {
    String t = message.text();
    if (message.conversation().isGroup() && !message.atAccounts().isEmpty()) {
      t = LEADING_MENTIONS.matcher(t).replaceFirst("");
    }
    return t;
  }

  public ContextImpl withMatch(Match m) {
    return new ContextImpl(services, message, text, m);
  }

  @Override
  public Message message() {
    return message;
  }

  @Override
  public Conversation conversation() {
    return message.conversation();
  }

  @Override
  public String sender() {
    return message.from();
  }

  @Override
  public String self() {
    return services.self();
  }

  @Override
  public boolean isGroup() {
    return message.conversation().isGroup();
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public ImageElem image() {
    return message.first(ImageElem.class).orElse(null);
  }

  @Override
  public CustomElem custom() {
    return message.first(CustomElem.class).orElse(null);
  }

  @Override
  public List<String> args() {
    return match.args();
  }

  @Override
  public String argText() {
    return match.argText();
  }

  @Override
  public Optional<MatchResult> match() {
    return Optional.ofNullable(match.regex());
  }

  @Override
  public CompletableFuture<SentMessage> reply(String text) {
    return reply(TextElem.of(text));
  }

  @Override
  public CompletableFuture<SentMessage> reply(MessageElem... elements) {
    return reply(Arrays.asList(elements));
  }

  @Override
  public CompletableFuture<SentMessage> reply(List<? extends MessageElem> elements) {
    return send(conversation(), elements);
  }

  @Override
  public CompletableFuture<SentMessage> replyImage(byte[] bytes) {
    return media(() -> services.media().image(bytes));
  }

  @Override
  public CompletableFuture<SentMessage> replyImage(Path file) {
    return media(() -> services.media().image(file));
  }

  @Override
  public CompletableFuture<SentMessage> replyImage(URI url) {
    return reply(services.media().image(url));
  }

  @Override
  public CompletableFuture<SentMessage> replyFile(Path file) {
    return media(() -> services.media().file(file));
  }

  @Override
  public CompletableFuture<SentMessage> replyFile(byte[] bytes, String fileName) {
    return media(() -> services.media().file(bytes, fileName));
  }

  private interface ElemSource {
    MessageElem get() throws IOException;
  }

  private CompletableFuture<SentMessage> media(ElemSource source) {
    try {
      return reply(source.get());
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<SentMessage> replyFace(int index, String data) {
    return reply(FaceElem.of(index, data));
  }

  @Override
  public CompletableFuture<SentMessage> replyCustom(Object payload) {
    try {
      Optional<CustomEncoder<Object>> encoder = services.registry().encoder(payload.getClass());
      CustomElem elem = encoder.isPresent()
          ? encoder.get().encode(payload)
          : CustomElem.of(WireJson.mapper().writeValueAsString(payload));
      return reply(elem);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<SentMessage> replyCustomJson(String data) {
    return reply(CustomElem.of(data));
  }

  @Override
  public CompletableFuture<SentMessage> send(Conversation to, List<? extends MessageElem> elements) {
    try {
      return services.outbox().send(new Outgoing(to, List.copyOf(elements), null));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<SentMessage> send(Conversation to, String text) {
    return send(to, List.of(TextElem.of(text)));
  }

  @Override
  public CompletableFuture<Void> revoke(SentMessage sent) {
    if (sent.conversation().isGroup()) {
      return services.im().recallGroupMessages(sent.conversation().id(), List.of(sent.msgSeq())).thenApply(r -> null);
    }
    return services.im().withdrawMessage(self(), sent.conversation().id(), sent.msgKey());
  }

  @Override
  public CompletableFuture<Void> revoke(Message m) {
    if (m.conversation().isGroup()) {
      return services.im().recallGroupMessages(m.conversation().id(), List.of(m.msgSeq())).thenApply(r -> null);
    }
    if (m.msgKey() == null) {
      return CompletableFuture.failedFuture(new ImException(ImErrorCodes.JSON_PARSE_FAILED, "the message has no MsgKey"));
    }
    return services.im().withdrawMessage(m.from(), m.to(), m.msgKey());
  }

  @Override
  public CompletableFuture<Void> markRead() {
    if (isGroup()) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("the REST API has no read report for group messages"));
    }
    return services.im().setMessagesRead(self(), conversation().id(), message.time());
  }

  @Override
  public CompletableFuture<Context> ask(String prompt, Duration timeout) {
    return ask(prompt, timeout, null);
  }

  @Override
  public CompletableFuture<Context> ask(String prompt, Duration timeout, Consumer<Context> onTimeout) {
    CompletableFuture<Context> answer = services.asks().await(this, prompt, timeout, onTimeout);
    if (prompt != null && !prompt.isEmpty()) {
      reply(prompt);
    }
    return answer;
  }

  @Override
  public CompletableFuture<UserProfile> senderProfile() {
    return services.profiles().get(sender());
  }

  @Override
  public CompletableFuture<GroupInfo> groupInfo() {
    if (!isGroup()) {
      return CompletableFuture.failedFuture(new IllegalStateException("not a group conversation"));
    }
    String id = conversation().id();
    return services.im().getGroupInfo(List.of(id)).thenApply(list -> list.stream()
        .filter(g -> id.equals(g.groupId()))
        .findFirst()
        .orElseThrow(() -> new ImException(ImErrorCodes.GROUP_NOT_FOUND, "no info for group " + id)));
  }

  @Override
  public Session session() {
    return services.sessions().session(conversation().conversationId());
  }

  @Override
  public BotClock clock() {
    return services.clock();
  }

  @Override
  public ImClient im() {
    return services.im();
  }

  @Override
  public String toString() {
    return "Context[" + message.dedupeKey() + " in " + conversation() + " from " + sender() + "]";
  }
}
