package dev.timbot.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Handlers;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compiled plan must agree with every handler's own matcher: whenever the plan rules a
 * handler out, its matcher says no; whenever the plan says yes, its matcher says yes. Checked
 * for every handler against a corpus of awkward messages (prefixes, case, whitespace, mentions,
 * Unicode, element mixes).
 */
class DispatchPlanTest {
  static final List<String> PREFIXES = List.of("/", "!!", "!");
  record Order(String id) {}

  HandlerRegistry registry() {
    HandlerRegistry r = new HandlerRegistry(new CapabilityRegistry());
    Handlers on = r.forPlugin("p");
    Handlers.Handler h = ctx -> {};
    on.command("help", h);
    on.command("h", h);
    on.command("help2", h);
    on.command("ÄÖ", h);
    on.keyword("refund", h);
    on.keyword("İstanbul", h);
    on.keyword("Straße", h);
    on.regex("^(order|ticket)\\s*#?(\\d{4,})$", h);
    on.regex(Pattern.compile("hello", Pattern.CASE_INSENSITIVE), h);
    on.regex("", h);
    on.text(h);
    on.face(h);
    on.image(h);
    on.custom(h);
    on.custom(Order.class, (ctx, o) -> {});
    on.decoder(Order.class, c -> c.data().startsWith("order:") ? Optional.of(new Order(c.data())) : Optional.empty());
    on.when(m -> m.text().length() == 5, h);
    on.match(m -> m.text().isEmpty() ? Optional.empty() : Optional.of(m.text()), (ctx, t) -> {});
    on.message(h);
    r.freeze();
    return r;
  }

  static List<List<MessageElem>> corpus() {
    List<String> texts = List.of("", " ", "/help", "/help me", "  /help\targ", "/helpme", "/ help", "/h", "/HELP",
        "!!help", "!help", "!!h x", "/help2", "/ÄÖ", "/äö", "help", "I want a REFUND now", "refun",
        "İSTANBUL", "istanbul", "STRASSE", "straße", "order 12345", "ORDER 12345", "ticket#9999 ", "ticket #99999",
        "Hello there", "hELLo", "abcde", "/help\u00a0x", "/help\u2003", "/\nhelp", "/help\nnext");
    List<List<MessageElem>> out = new ArrayList<>();
    for (String t : texts) {
      out.add(List.of(TextElem.of(t)));
      out.add(List.of(new FaceElem(1, "x"), TextElem.of(t)));
    }
    out.add(List.of());
    out.add(List.of(new FaceElem(1, "x")));
    out.add(List.of(CustomElem.of("order:1")));
    out.add(List.of(CustomElem.of("other")));
    out.add(List.of(CustomElem.of("order:1"), TextElem.of("/help")));
    return out;
  }

  @Test
  void planNeverContradictsAMatcher() {
    HandlerRegistry r = registry();
    DispatchPlan plan = new DispatchPlan(r.handlers(), PREFIXES);
    int ruledOut = 0;
    int checked = 0;
    for (Conversation conv : List.of(Conversation.c2c("u"), Conversation.group("g"))) {
      for (List<MessageElem> elements : corpus()) {
        Message m = new Message(conv, "u", "bot", "k", "id", 1, 2, Instant.EPOCH, "", elements, List.of());
        String text = m.text();
        Map<Class<?>, Object> decoded = new HashMap<>();
        Map<Class<?>, String> notes = new HashMap<>();
        r.decoders().decode(m, decoded, notes);
        MatchInput in = new MatchInput(m, text, PREFIXES, decoded, notes);
        DispatchPlan.Facts facts = plan.facts(m, text);
        assertThat(DispatchPlan.hasCustom(facts)).isEqualTo(m.has(CustomElem.class));
        for (int i = 0; i < r.handlers().size(); i++) {
          HandlerDef h = r.handlers().get(i);
          boolean matched = h.matcher().match(in).matched();
          int verdict = plan.check(i, facts);
          checked++;
          String where = h.kind() + " on " + elements;
          if (verdict == DispatchPlan.NO) {
            ruledOut++;
            assertThat(matched).as(where).isFalse();
          } else if (verdict == DispatchPlan.YES) {
            assertThat(matched).as(where).isTrue();
          }
        }
      }
    }
    // The plan must also be useful: most handlers are ruled out without running their matcher.
    assertThat(ruledOut).isGreaterThan(checked / 3);
  }

  @Test
  void commandsAreRuledOutUnlessTheirWordIsTheCommand() {
    HandlerRegistry r = registry();
    DispatchPlan plan = new DispatchPlan(r.handlers(), PREFIXES);
    Message m = Message.builder().conversation(Conversation.c2c("u")).from("u").text("  /help  me ").build();
    DispatchPlan.Facts facts = plan.facts(m, m.text());
    List<String> run = new ArrayList<>();
    for (int i = 0; i < r.handlers().size(); i++) {
      if (r.handlers().get(i).kind().startsWith("command:") && plan.check(i, facts) != DispatchPlan.NO) {
        run.add(r.handlers().get(i).kind());
      }
    }
    assertThat(run).containsExactly("command:help");
  }
}
