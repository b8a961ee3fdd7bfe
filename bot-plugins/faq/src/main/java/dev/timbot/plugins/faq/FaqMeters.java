package dev.timbot.plugins.faq;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds {@link FaqStats} to a Micrometer registry as {@code timbot.faq.queries{decision=…}},
 * {@code timbot.faq.suggestions.picked} and the gauge {@code timbot.faq.hit.rate}. Micrometer is
 * an optional dependency: only code that calls this class needs it on the classpath.
 */
public final class FaqMeters {
  private FaqMeters() {}

  public static void bind(FaqStats stats, MeterRegistry registry) {
    FunctionCounter.builder("timbot.faq.queries", stats, FaqStats::answered)
        .tag("decision", "answer").description("FAQ queries answered directly").register(registry);
    FunctionCounter.builder("timbot.faq.queries", stats, FaqStats::suggested)
        .tag("decision", "suggest").description("FAQ queries answered with suggestions").register(registry);
    FunctionCounter.builder("timbot.faq.queries", stats, FaqStats::none)
        .tag("decision", "none").description("FAQ queries with no match").register(registry);
    FunctionCounter.builder("timbot.faq.suggestions.picked", stats, FaqStats::suggestionPicked)
        .description("suggestions the user picked").register(registry);
    Gauge.builder("timbot.faq.hit.rate", stats, FaqStats::hitRate)
        .description("share of FAQ queries answered directly").register(registry);
  }
}
