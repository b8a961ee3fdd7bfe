package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.internal.CsvKbReader;
import dev.timbot.plugins.faq.internal.YamlKbReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, validated set of FAQ entries plus the domain synonyms (Solr format lines) that
 * go with them.
 *
 * <p>Load a file with {@link #load(Path)}: it never throws for bad content but returns every
 * problem with its line, so a reloader can keep serving the previous KB.
 */
public final class KnowledgeBase {
  private final List<FaqEntry> entries;
  private final Map<String, FaqEntry> byId;
  private final List<String> synonyms;
  private final List<Path> sources;

  private KnowledgeBase(List<FaqEntry> entries, List<String> synonyms, List<Path> sources) {
    this.entries = List.copyOf(entries);
    Map<String, FaqEntry> map = new LinkedHashMap<>();
    for (FaqEntry e : this.entries) {
      if (map.put(e.id(), e) != null) {
        throw new IllegalArgumentException("duplicate entry id " + e.id());
      }
    }
    this.byId = Map.copyOf(map);
    this.synonyms = List.copyOf(synonyms);
    this.sources = List.copyOf(sources);
  }

  /** A KB built in code (tests, generators). */
  public static KnowledgeBase of(List<FaqEntry> entries) {
    return new KnowledgeBase(entries, List.of(), List.of());
  }

  /** A KB built in code with synonym rules in Solr format ({@code a, b, c} or {@code a => b}). */
  public static KnowledgeBase of(List<FaqEntry> entries, List<String> synonyms) {
    return new KnowledgeBase(entries, synonyms, List.of());
  }

  /** For the loaders: also records which files the KB was read from, so a reloader can watch them. */
  public static KnowledgeBase of(List<FaqEntry> entries, List<String> synonyms, List<Path> sources) {
    return new KnowledgeBase(entries, synonyms, sources);
  }

  /**
   * Loads a KB file: {@code .csv} is read as CSV, anything else as YAML. A YAML KB may name a
   * synonyms file ({@code synonyms_file:}, relative to the KB) whose content is loaded too.
   */
  public static KbLoadResult load(Path file) {
    String name = file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new KbLoadResult.Failed(List.of(new KbError(name, 0, 0, "cannot read: " + e)));
    }
    if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return CsvKbReader.read(text, name, file);
    }
    return YamlKbReader.read(text, name, file);
  }

  /** Parses YAML text; {@code synonyms_file} references are resolved against the working directory. */
  public static KbLoadResult parseYaml(String yaml, String sourceName) {
    return YamlKbReader.read(yaml, sourceName, null);
  }

  /** Parses CSV text with the header {@code id,questions,answer,keywords,related}. */
  public static KbLoadResult parseCsv(String csv, String sourceName) {
    return CsvKbReader.read(csv, sourceName, null);
  }

  public List<FaqEntry> entries() {
    return entries;
  }

  public Optional<FaqEntry> entry(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public int size() {
    return entries.size();
  }

  /** Synonym rules in Solr format, one rule per element. */
  public List<String> synonyms() {
    return synonyms;
  }

  /** The files this KB was read from (the KB file first); empty for a KB built in code. */
  public List<Path> sources() {
    return sources;
  }
}
