package dev.timbot.plugins.autoreply;

import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.VideoFileElem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules compiled for matching, highest priority first (file order breaks ties). */
public final class RuleSet {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final Map<String, Class<? extends MessageElem>> TYPES = Map.of(
      "text", TextElem.class, "image", ImageElem.class, "file", FileElem.class,
      "sound", SoundElem.class, "video", VideoFileElem.class, "face", FaceElem.class,
      "location", LocationElem.class, "custom", CustomElem.class);

  private record Compiled(RuleSpec spec, Pattern regex, List<String> groupNames) {}

  private final List<Compiled> rules;

  public RuleSet(List<RuleSpec> specs) {
    List<Compiled> out = new ArrayList<>();
    for (RuleSpec s : specs) {
      Pattern p = s.regex() == null ? null : Pattern.compile(s.regex());
      List<String> names = new ArrayList<>();
      if (s.regex() != null) {
        Matcher m = GROUP_NAME.matcher(s.regex());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
      out.add(new Compiled(s, p, names));
    }
    out.sort(Comparator.comparingInt((Compiled c) -> c.spec().priority()).reversed());
    this.rules = List.copyOf(out);
  }

  /** The first rule (by priority) that matches {@code message}. */
  public Optional<RuleMatch> match(Message message) {
    String text = message.text().trim();
    for (Compiled c : rules) {
      Optional<RuleMatch> m = matchOne(c, message, text);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  public int size() {
    return rules.size();
  }

  private static Optional<RuleMatch> matchOne(Compiled c, Message message, String text) {
    RuleSpec s = c.spec();
    if (s.type() != null) {
      return message.has(TYPES.get(s.type().toLowerCase(Locale.ROOT)))
          ? Optional.of(new RuleMatch(s, Map.of())) : Optional.empty();
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (s.exact() != null) {
      return s.exact().stream().anyMatch(e -> e.trim().equalsIgnoreCase(text))
          ? Optional.of(new RuleMatch(s, Map.of())) : Optional.empty();
    }
    if (s.keywords() != null) {
      String lower = text.toLowerCase(Locale.ROOT);
      boolean any = s.keywords().any().isEmpty()
          || s.keywords().any().stream().anyMatch(k -> lower.contains(k.toLowerCase(Locale.ROOT)));
      boolean all = s.keywords().all().stream().allMatch(k -> lower.contains(k.toLowerCase(Locale.ROOT)));
      return any && all ? Optional.of(new RuleMatch(s, Map.of())) : Optional.empty();
    }
    Matcher m = c.regex().matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    Map<String, String> captures = new HashMap<>();
    for (int g = 0; g <= m.groupCount(); g++) {
      captures.put(String.valueOf(g), m.group(g) == null ? "" : m.group(g));
    }
    for (String name : c.groupNames()) {
      captures.put(name, m.group(name) == null ? "" : m.group(name));
    }
    return Optional.of(new RuleMatch(s, captures));
  }
}
