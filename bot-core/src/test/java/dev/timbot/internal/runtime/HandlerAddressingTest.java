package dev.timbot.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Handlers;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.internal.dispatch.CapabilityRegistry;
import dev.timbot.internal.dispatch.HandlerDef;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import org.junit.jupiter.api.Test;

/** Which handlers a message is addressed to, before any matcher runs. */
class HandlerAddressingTest {
  final Message c2c = Message.builder().conversation(Conversation.c2c("u")).from("u").text("hi").build();
  final Message group = Message.builder().conversation(Conversation.group("g")).from("u").text("hi").build();

  static HandlerDef handler(java.util.function.UnaryOperator<HandlerDef> options) {
    HandlerRegistry registry = new HandlerRegistry(new CapabilityRegistry());
    Handlers on = registry.forPlugin("p");
    options.apply((HandlerDef) on.text(ctx -> {}));
    registry.freeze();
    return registry.handlers().get(0);
  }

  @Test
  void scopeRulesOutTheOtherKindOfConversation() {
    HandlerDef c2cOnly = handler(h -> (HandlerDef) h.c2cOnly());
    HandlerDef groupOnly = handler(h -> (HandlerDef) h.groupOnly());
    assertThat(HandlerAddressing.problem(c2cOnly, c2c, Routing.DIRECT)).isNull();
    assertThat(HandlerAddressing.problem(c2cOnly, group, Routing.DIRECT)).isEqualTo("C2C-only handler, group message");
    assertThat(HandlerAddressing.verdict(c2cOnly, group, Routing.DIRECT)).isEqualTo(Verdict.WRONG_CONVERSATION);
    assertThat(HandlerAddressing.problem(groupOnly, c2c, Routing.DIRECT)).isEqualTo("group-only handler, C2C message");
    assertThat(HandlerAddressing.problem(groupOnly, group, Routing.DIRECT)).isNull();
  }

  @Test
  void unmentionedAndObservedMessagesReachOnlyHandlersThatOptedIn() {
    HandlerDef plain = handler(h -> h);
    HandlerDef all = handler(h -> (HandlerDef) h.allGroupMessages());
    HandlerDef observer = handler(h -> (HandlerDef) h.observer());
    assertThat(HandlerAddressing.problem(plain, group, Routing.GROUP_UNMENTIONED)).contains("did not opt in");
    assertThat(HandlerAddressing.verdict(plain, group, Routing.GROUP_UNMENTIONED)).isEqualTo(Verdict.NOT_MENTIONED);
    assertThat(HandlerAddressing.problem(all, group, Routing.GROUP_UNMENTIONED)).isNull();
    assertThat(HandlerAddressing.problem(all, c2c, Routing.OBSERVED)).contains("not an observer");
    assertThat(HandlerAddressing.verdict(all, c2c, Routing.OBSERVED)).isEqualTo(Verdict.NOT_ADDRESSED);
    assertThat(HandlerAddressing.problem(observer, c2c, Routing.OBSERVED)).isNull();
    assertThat(HandlerAddressing.problem(observer, group, Routing.GROUP_UNMENTIONED)).isNull();
  }
}
