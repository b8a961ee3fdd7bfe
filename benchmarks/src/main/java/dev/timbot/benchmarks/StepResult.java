package dev.timbot.benchmarks;

/**
 * One load step against one system under test.
 *
 * @param offered the fixed offered load in messages/s, or 0 for the saturation step
 * @param achieved replies per second arriving at the emulator during the step
 * @param refused callbacks answered with a non-200 status (e.g. 503 when the bot's queue is full)
 * @param lost messages with no reply when the step's drain time ran out
 * @param duplicates replies received more than once
 */
public record StepResult(
    String sut, int offered, int sent, int received, int refused, int failed, int lost, int duplicates,
    double achieved, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

  public boolean saturation() {
    return offered == 0;
  }

  public String load() {
    return saturation() ? "saturation" : Integer.toString(offered);
  }
}
