package dev.timbot.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.Handlers;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registry's tables: what registration records, what freezing checks and fixes. */
class HandlerRegistryTest {
  record Order(String id) {}

  final HandlerRegistry registry = new HandlerRegistry(new CapabilityRegistry());
  final Handlers on = registry.forPlugin("p");
  final Handlers.Handler h = ctx -> {};

  @Test
  void handlersAreSortedByPriorityThenCommandsSpecificCatchAllsThenRegistrationOrder() {
    on.text(h);
    on.keyword("refund", h);
    on.command("help", h);
    on.message(h).priority(-1);
    on.regex("x", h);
    registry.freeze();
    assertThat(registry.handlers()).extracting(HandlerDef::kind)
        .containsExactly("message", "command:help", "keyword:refund", "regex:x", "text");
    assertThat(registry.handlers()).extracting(HandlerDef::name).contains("p:text#0", "p:command:help#2");
  }

  @Test
  void nothingButInterceptorsCanBeRegisteredOnceFrozen() {
    registry.freeze();
    assertThatThrownBy(() -> on.text(h))
        .hasMessage("handlers can only be registered in Plugin.configure");
    assertThatThrownBy(() -> on.decoder(Order.class, c -> Optional.empty()))
        .hasMessage("decoders can only be registered in Plugin.configure");
    assertThatThrownBy(() -> on.encoder(Order.class, o -> CustomElem.of(o.id())))
        .hasMessage("encoders can only be registered in Plugin.configure");
    assertThatThrownBy(() -> on.provide(Runnable.class, () -> {}))
        .hasMessage("capabilities can only be provided in Plugin.configure");
    assertThatThrownBy(() -> on.timers("t:", due -> {}))
        .hasMessage("timers can only be registered in Plugin.configure");
    on.intercept(chain -> chain.proceed(chain.input()));
    assertThat(registry.interceptors()).hasSize(1);
  }

  @Test
  void aTypedCustomHandlerWithoutADecoderFailsTheFreeze() {
    on.custom(Order.class, (ctx, o) -> {});
    assertThatThrownBy(registry::freeze).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custom(Order.class, ...) has no decoder");
  }

  @Test
  void badCommandNamesAndTimerPrefixesAreRefused() {
    assertThatThrownBy(() -> on.command("two words", h)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> on.timers("", due -> {})).isInstanceOf(IllegalArgumentException.class);
    on.timers("t:", due -> {});
    assertThatThrownBy(() -> on.timers("t:", due -> {}))
        .hasMessage("timer prefix t: has a handler already");
    assertThat(registry.timers()).containsOnlyKeys("t:");
  }

  @Test
  void anEncoderServesItsTypeAndSubtypes() {
    Handlers.CustomEncoder<CharSequence> encoder = s -> CustomElem.of(s.toString());
    on.encoder(CharSequence.class, encoder);
    assertThat(registry.<CharSequence>encoder(String.class)).containsSame(encoder);
    assertThat(registry.encoder(Integer.class)).isEmpty();
  }

  @Test
  void theFirstDecoderThatRecognisesTheDataWinsAndFailuresAreNoted() {
    on.decoder(Order.class, c -> {
      throw new IllegalArgumentException("bad order\nstack details");
    });
    on.decoder(Order.class, c -> c.data().startsWith("order:") ? Optional.of(new Order(c.data())) : Optional.empty());
    on.decoder(String.class, c -> Optional.empty());
    registry.freeze();
    CustomDecoders decoders = registry.decoders();
    assertThat(decoders.isEmpty()).isFalse();

    Map<Class<?>, Object> decoded = new HashMap<>();
    Map<Class<?>, String> notes = new HashMap<>();
    decoders.decode(custom("order:7"), decoded, notes);
    assertThat(decoded).containsOnly(Map.entry(Order.class, new Order("order:7")));
    assertThat(notes).containsOnly(Map.entry(String.class, "decoder declined the data"));

    decoded.clear();
    notes.clear();
    decoders.decode(custom("other"), decoded, notes);
    assertThat(decoded).isEmpty();
    assertThat(notes).containsEntry(Order.class, "decoder failed: IllegalArgumentException bad order");
  }

  static Message custom(String data) {
    return Message.builder().conversation(Conversation.c2c("u")).from("u").elements(List.of(CustomElem.of(data)))
        .build();
  }
}
