package dev.timbot;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plugin config type (usually a record) and names its YAML section. A plugin that
 * {@code @Inject}s such a type gets it bound from that section; an invalid section fails {@code
 * build()} with an error naming {@code section.key}.
 *
 * <pre>
 * &#64;ConfigSection("greeter")
 * public record GreeterConfig(String greeting, int maxPerHour) {
 *   public GreeterConfig {
 *     if (greeting == null) greeting = "Hello";
 *     if (maxPerHour &lt; 0) throw new IllegalArgumentException("maxPerHour must be &gt;= 0");
 *   }
 * }
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConfigSection {
  String value();
}
