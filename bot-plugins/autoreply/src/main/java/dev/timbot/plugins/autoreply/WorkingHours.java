package dev.timbot.plugins.autoreply;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A weekly schedule with holidays, in one time zone. {@link #closedPeriod(Instant)} names the
 * closed stretch an instant falls in (by the opening that ends it), so an out-of-hours reply can
 * be sent once per conversation per closed period.
 */
public final class WorkingHours {
  private static final List<DayOfWeek> DAYS = List.of(DayOfWeek.values());

  record Range(LocalTime open, LocalTime close) {}

  private final ZoneId zone;
  private final Map<DayOfWeek, List<Range>> weekly;
  private final Set<LocalDate> holidays;

  private WorkingHours(ZoneId zone, Map<DayOfWeek, List<Range>> weekly, Set<LocalDate> holidays) {
    this.zone = zone;
    this.weekly = weekly;
    this.holidays = holidays;
  }

  public static WorkingHours of(WorkingHoursSpec spec) {
    ZoneId zone = spec.zone() == null ? ZoneId.systemDefault() : ZoneId.of(spec.zone());
    Map<DayOfWeek, List<Range>> weekly = new EnumMap<>(DayOfWeek.class);
    spec.weekly().forEach((days, ranges) -> {
      List<Range> parsed = parseRanges(ranges);
      for (DayOfWeek d : parseDays(days)) {
        weekly.computeIfAbsent(d, k -> new ArrayList<>()).addAll(parsed);
      }
    });
    Set<LocalDate> holidays = new HashSet<>();
    spec.holidays().forEach(h -> holidays.add(LocalDate.parse(h)));
    return new WorkingHours(zone, weekly, holidays);
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isOpen(Instant at) {
    ZonedDateTime t = at.atZone(zone);
    if (holidays.contains(t.toLocalDate())) {
      return false;
    }
    LocalTime time = t.toLocalTime();
    return weekly.getOrDefault(t.getDayOfWeek(), List.of()).stream()
        .anyMatch(r -> !time.isBefore(r.open()) && time.isBefore(r.close()));
  }

  /** The next opening after {@code at}, within a year; empty if the schedule never opens. */
  public Optional<Instant> nextOpening(Instant at) {
    LocalDate day = at.atZone(zone).toLocalDate();
    for (int i = 0; i <= 366; i++, day = day.plusDays(1)) {
      if (holidays.contains(day)) {
        continue;
      }
      List<Range> ranges = new ArrayList<>(weekly.getOrDefault(day.getDayOfWeek(), List.of()));
      ranges.sort((a, b) -> a.open().compareTo(b.open()));
      for (Range r : ranges) {
        Instant open = day.atTime(r.open()).atZone(zone).toInstant();
        if (open.isAfter(at)) {
          return Optional.of(open);
        }
      }
    }
    return Optional.empty();
  }

  /** A key for the closed period {@code at} falls in; equal for every instant of one period. */
  public String closedPeriod(Instant at) {
    return nextOpening(at).map(Instant::toString).orElse("never-open");
  }

  private static List<Range> parseRanges(String text) {
    List<Range> out = new ArrayList<>();
    if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("closed")) {
      return out;
    }
    for (String part : text.split(",")) {
      String[] ends = part.trim().split("-");
      if (ends.length != 2) {
        throw new IllegalArgumentException("hours must look like 09:00-18:00, got '" + part.trim() + "'");
      }
      LocalTime open = LocalTime.parse(ends[0].trim());
      LocalTime close = ends[1].trim().equals("24:00") ? LocalTime.MAX : LocalTime.parse(ends[1].trim());
      if (!close.isAfter(open)) {
        throw new IllegalArgumentException("closing time must be after opening time in '" + part.trim() + "'");
      }
      out.add(new Range(open, close));
    }
    return out;
  }

  private static List<DayOfWeek> parseDays(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("daily") || t.equals("every day")) {
      return DAYS;
    }
    String[] ends = t.split("-");
    DayOfWeek from = day(ends[0]);
    DayOfWeek to = ends.length == 2 ? day(ends[1]) : from;
    List<DayOfWeek> out = new ArrayList<>();
    for (DayOfWeek d = from; ; d = d.plus(1)) {
      out.add(d);
      if (d == to) {
        return out;
      }
    }
  }

  private static DayOfWeek day(String name) {
    String n = name.trim();
    for (DayOfWeek d : DAYS) {
      if (d.name().toLowerCase(Locale.ROOT).startsWith(n) && n.length() >= 3) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown day '" + name + "' (use mon, tue, … or mon-fri, daily)");
  }
}
