package dev.timbot.plugins.faq.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The lines of a UTF-8 text file shipped beside a class: the FAQ plugin's word lists and probe texts. */
public final class ResourceLines {
  private ResourceLines() {}

  /**
   * Every line of {@code name}, looked up relative to {@code owner}, without a leading byte-order mark (an editor's BOM
   * would otherwise become part of the first line's first word).
   *
   * @throws IllegalStateException if the file is not on the classpath (a broken build, named in the message)
   */
  public static List<String> read(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the classpath beside " + owner.getName());
      }
      List<String> lines = new ArrayList<>(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
      if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
        lines.set(0, lines.get(0).substring(1));
      }
      return List.copyOf(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
