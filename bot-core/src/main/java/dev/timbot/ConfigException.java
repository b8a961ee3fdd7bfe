package dev.timbot;

/**
 * Invalid or missing configuration. The message always starts with the offending key (for
 * example {@code tim.sdkAppId: required, set it in the YAML file or TIM_SDKAPPID}) and never
 * contains a secret value.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String key, String problem) {
    this(key, problem, null);
  }

  public ConfigException(String key, String problem, Throwable cause) {
    super(key + ": " + problem, cause);
    this.key = key;
  }

  /** The configuration key at fault, e.g. {@code tim.sdkAppId} or {@code faq.threshold}. */
  public String key() {
    return key;
  }
}
