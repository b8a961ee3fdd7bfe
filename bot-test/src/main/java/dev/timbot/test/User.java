package dev.timbot.test;

import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import dev.timbot.message.LocationElem;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.VideoFileElem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user who talks to the bot: C2C by default, or in a group with {@link #inGroup}. Each send
 * goes through the real callback path and waits until the bot is idle; {@code push…} variants
 * return at once.
 */
public final class User {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final BotTester tester;
  private final String id;
  private final String group;
  private final List<String> mentions;
  private final String to;

  User(BotTester tester, String id, String group, List<String> mentions) {
    this(tester, id, group, mentions, null);
  }

  private User(BotTester tester, String id, String group, List<String> mentions, String to) {
    this.tester = tester;
    this.id = id;
    this.group = group;
    this.mentions = List.copyOf(mentions);
    this.to = to;
  }

  public String id() {
    return id;
  }

  String to() {
    return to;
  }

  List<String> mentions() {
    return mentions;
  }

  /** The same user, speaking in a group (without mentioning anyone). */
  public User inGroup(String groupId) {
    return new User(tester, id, groupId, List.of(), null);
  }

  /** The same user in the same group, @-mentioning the bot. */
  public User mentioningBot() {
    return mentioning(tester.bot().account());
  }

  public User mentioning(String... accounts) {
    List<String> all = new ArrayList<>(mentions);
    all.addAll(Arrays.asList(accounts));
    return new User(tester, id, group, all, to);
  }

  /** The same user writing C2C to another account (the bot sees it only as an observer). */
  public User to(String account) {
    return new User(tester, id, null, List.of(), account);
  }

  private Conversation conversation() {
    return group != null ? Conversation.group(group) : Conversation.c2c(id);
  }

  /** Sends text; in a group that mentions the bot, the text starts with {@code @bot } like a client would. */
  public Delivery says(String text) {
    return sends(TextElem.of(prefixed(text)));
  }

  public Delivery pushes(String text) {
    return tester.send(this, conversation(), List.of(TextElem.of(prefixed(text))), false);
  }

  private String prefixed(String text) {
    return group != null && !mentions.isEmpty()
        ? String.join(" ", mentions.stream().map(m -> "@" + m).toList()) + " " + text
        : text;
  }

  public Delivery sends(MessageElem... elements) {
    return tester.send(this, conversation(), List.of(elements), true);
  }

  public Delivery pushes(MessageElem... elements) {
    return tester.send(this, conversation(), List.of(elements), false);
  }

  public Delivery sendsImage(String url, int width, int height) {
    return sends(new ImageElem("img-" + url.hashCode(), ImageElem.FORMAT_PNG,
        List.of(new ImageInfo(ImageInfo.ORIGINAL, 1024, width, height, url))));
  }

  public Delivery sendsFile(String url, String name) {
    return sends(FileElem.of(url, "file-" + url.hashCode(), 2048, name));
  }

  public Delivery sendsSound(String url, int seconds) {
    return sends(SoundElem.of(url, "snd-" + url.hashCode(), 4096, seconds));
  }

  public Delivery sendsVideo(String url) {
    return sends(VideoFileElem.builder().video(url, "vid-" + url.hashCode(), 8192, 3, "mp4")
        .thumb(url + ".jpg", "thumb-" + url.hashCode(), 100, 64, 48, "JPG").build());
  }

  public Delivery sendsFace(int index) {
    return sends(FaceElem.of(index, null));
  }

  public Delivery sendsLocation(String desc, double lat, double lon) {
    return sends(new LocationElem(desc, lat, lon));
  }

  /** A custom message with raw {@code Data}. */
  public Delivery sendsCustom(String data) {
    return sends(CustomElem.of(data));
  }

  /** A custom message whose {@code Data} is {@code payload} as JSON. */
  public Delivery sendsCustom(Object payload) {
    try {
      return sendsCustom(JSON.writeValueAsString(payload));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
