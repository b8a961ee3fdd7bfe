package dev.timbot.emulator.internal.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's state. Only {@link GroupStore} mutates it, under its lock; readers get copies via
 * {@link GroupStore#snapshot}.
 */
public final class Group {
  /** A member and its per-group state. */
  public static final class Member {
    public final String account;
    public String role;
    public final long joinTime;
    public long readSeq;
    public long lastSendTime;
    public long muteUntil;

    Member(String account, String role, long joinTime) {
      this.account = account;
      this.role = role;
      this.joinTime = joinTime;
    }

    Member copy() {
      Member m = new Member(account, role, joinTime);
      m.readSeq = readSeq;
      m.lastSendTime = lastSendTime;
      m.muteUntil = muteUntil;
      return m;
    }
  }

  public final String groupId;
  public final String type;
  public String name;
  public String introduction;
  public String notification;
  public String faceUrl;
  public String owner;
  public int maxMemberCount;
  public String applyJoinOption;
  /** {@code MuteAllMember: On}: only the owner and admins may speak. */
  public boolean muteAll;
  public final long createTime;
  public long lastInfoTime;
  public long lastMsgTime;
  public long nextMsgSeq = 1;
  public ArrayNode appDefinedData;
  public final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
  final List<GroupRecord> messages = new ArrayList<>();
  /** A send remembered for the Random dedupe, until {@code expiresAt} (monotonic nanos). */
  private record Remembered(GroupRecord record, long expiresAt) {}

  private final Map<String, Remembered> recentRandoms = new HashMap<>();

  Group(String groupId, String type, long createTime) {
    this.groupId = groupId;
    this.type = type;
    this.createTime = createTime;
    this.lastInfoTime = createTime;
  }

  Group copy() {
    Group g = new Group(groupId, type, createTime);
    g.name = name;
    g.introduction = introduction;
    g.notification = notification;
    g.faceUrl = faceUrl;
    g.owner = owner;
    g.maxMemberCount = maxMemberCount;
    g.applyJoinOption = applyJoinOption;
    g.muteAll = muteAll;
    g.lastInfoTime = lastInfoTime;
    g.lastMsgTime = lastMsgTime;
    g.nextMsgSeq = nextMsgSeq;
    g.appDefinedData = appDefinedData == null ? null : appDefinedData.deepCopy();
    members.forEach((k, v) -> g.members.put(k, v.copy()));
    g.messages.addAll(messages);
    return g;
  }

  public List<GroupRecord> messages() {
    return List.copyOf(messages);
  }

  public boolean isMember(String account) {
    return members.containsKey(account);
  }

  /** AVChatRoom has no member list operations, roaming or @all. */
  public boolean isAvChatRoom() {
    return "AVChatRoom".equals(type);
  }

  /** Adds a member; false if already one. */
  public boolean addMember(String account, String role, long joinTime) {
    if (members.containsKey(account)) {
      return false;
    }
    members.put(account, new Member(account, role, joinTime));
    return true;
  }

  /** Appends a message (the store assigns nothing: the caller took {@code nextMsgSeq}). */
  public void append(GroupRecord record) {
    messages.add(record);
    lastMsgTime = record.msgTime();
  }

  /** Replaces a message by sequence; false if none has it. */
  public boolean replace(GroupRecord record) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).msgSeq() == record.msgSeq()) {
        messages.set(i, record);
        return true;
      }
    }
    return false;
  }

  /** The dedupe memory: a record sent with this key whose window is still open. */
  public GroupRecord remembered(String key, long nowNanos) {
    recentRandoms.values().removeIf(v -> v.expiresAt() <= nowNanos);
    Remembered v = recentRandoms.get(key);
    return v == null ? null : v.record();
  }

  public void remember(String key, GroupRecord record, long expiresAtNanos) {
    recentRandoms.put(key, new Remembered(record, expiresAtNanos));
  }
}
