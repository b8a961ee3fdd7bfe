package dev.timbot.internal.callback;

import dev.timbot.message.MessageElem;
import java.util.List;

/**
 * Checks a bound callback before it is acknowledged: the fields the bot relies on are present
 * and in range, so a payload the service would never send is refused with 400 and the field's
 * documented name instead of being acked and failing later inside the inbox. Account fields must
 * be non-blank strings; times are UNIX seconds (u32, as the docs type them) and {@code
 * EventTime} milliseconds; sequences and randoms are unsigned.
 */
public final class CallbackValidator {
  /** The service's integers are u32; a time beyond this is not a time it sends. */
  static final long MAX_U32 = 0xFFFF_FFFFL;

  private CallbackValidator() {}

  /** Throws {@link CallbackRejected} (400, reason {@code invalid_field}) naming the first bad field. */
  public static void validate(CallbackEvent event) throws CallbackRejected {
    if (event instanceof C2CMessageCallback c) {
      account("From_Account", c.fromAccount());
      account("To_Account", c.toAccount());
      unsigned("MsgSeq", c.msgSeq());
      unsigned("MsgRandom", c.msgRandom());
      seconds("MsgTime", c.msgTime());
      body(c.msgBody());
      eventTime(c.eventTime());
    } else if (event instanceof GroupMessageCallback g) {
      account("GroupId", g.groupId());
      account("From_Account", g.fromAccount());
      unsigned("Random", g.random());
      unsigned("MsgSeq", g.msgSeq());
      seconds("MsgTime", g.msgTime());
      body(g.msgBody());
      if (g.groupAtInfo() != null) {
        for (GroupAtInfo at : g.groupAtInfo()) {
          if (at == null) {
            throw invalid("GroupAtInfo", "holds a null item");
          }
        }
      }
      accounts("AtRobots_Account", g.atRobotsAccount());
      eventTime(g.eventTime());
    } else if (event instanceof MsgReportCallback r) {
      account("Report_Account", r.reportAccount());
      account("Peer_Account", r.peerAccount());
      seconds("LastReadTime", r.lastReadTime());
      eventTime(r.eventTime());
    } else if (event instanceof MsgWithdrawCallback w) {
      account("From_Account", w.fromAccount());
      account("To_Account", w.toAccount());
      account("MsgKey", w.msgKey());
      eventTime(w.eventTime());
    } else if (event instanceof GroupRecallCallback r) {
      account("GroupId", r.groupId());
      if (r.msgSeqList() == null || r.msgSeqList().isEmpty() || hasNull(r.msgSeqList())) {
        throw invalid("MsgSeqList", "is missing, empty or holds a null item");
      }
      for (GroupRecallCallback.SeqItem s : r.msgSeqList()) {
        unsigned("MsgSeqList.MsgSeq", s.msgSeq());
      }
      eventTime(r.eventTime());
    } else if (event instanceof MemberJoinCallback j) {
      account("GroupId", j.groupId());
      members("NewMemberList", j.newMemberList());
      eventTime(j.eventTime());
    } else if (event instanceof MemberExitCallback x) {
      account("GroupId", x.groupId());
      members("ExitMemberList", x.exitMemberList());
      eventTime(x.eventTime());
    } else if (event instanceof StateChangeCallback s) {
      if (s.info() == null) {
        throw invalid("Info", "is missing");
      }
      account("Info.To_Account", s.info().toAccount());
      account("Info.Action", s.info().action());
      eventTime(s.eventTime());
    } else if (event instanceof FriendCallback f) {
      pairs(f.pairList());
      eventTime(f.eventTime());
    } else if (event instanceof BlacklistCallback b) {
      pairs(b.pairList());
      eventTime(b.eventTime());
    } else if (event instanceof PortraitSetCallback p) {
      account("From_Account", p.fromAccount());
      if (p.profileItem() != null && hasNull(p.profileItem())) {
        throw invalid("ProfileItem", "holds a null item");
      }
      eventTime(p.eventTime());
    }
  }

  private static void account(String field, String value) throws CallbackRejected {
    if (value == null) {
      throw invalid(field, "is missing");
    }
    if (value.isBlank()) {
      throw invalid(field, "is empty");
    }
  }

  private static void accounts(String field, List<String> values) throws CallbackRejected {
    if (values != null) {
      for (String v : values) {
        account(field, v);
      }
    }
  }

  private static void members(String field, List<MemberAccount> list) throws CallbackRejected {
    if (list == null || list.isEmpty()) {
      throw invalid(field, "is missing or empty");
    }
    for (MemberAccount m : list) {
      account(field + ".Member_Account", m == null ? null : m.memberAccount());
    }
  }

  private static void pairs(List<AccountPair> list) throws CallbackRejected {
    if (list == null || list.isEmpty()) {
      throw invalid("PairList", "is missing or empty");
    }
    for (AccountPair p : list) {
      if (p == null) {
        throw invalid("PairList", "holds a null item");
      }
      account("PairList.From_Account", p.fromAccount());
      account("PairList.To_Account", p.toAccount());
    }
  }

  private static void body(List<MessageElem> body) throws CallbackRejected {
    if (body != null && hasNull(body)) {
      throw invalid("MsgBody", "holds a null element");
    }
  }

  private static void unsigned(String field, long value) throws CallbackRejected {
    if (value < 0 || value > Long.MAX_VALUE / 2) {
      throw invalid(field, "is out of range");
    }
  }

  private static void seconds(String field, long value) throws CallbackRejected {
    if (value < 0 || value > MAX_U32) {
      throw invalid(field, "is out of range (UNIX seconds)");
    }
  }

  private static void eventTime(Long millis) throws CallbackRejected {
    if (millis != null && (millis < 0 || millis > MAX_U32 * 1000)) {
      throw invalid("EventTime", "is out of range (UNIX milliseconds)");
    }
  }

  /** {@code List.contains(null)} throws on immutable lists. */
  private static boolean hasNull(List<?> list) {
    for (Object o : list) {
      if (o == null) {
        return true;
      }
    }
    return false;
  }

  private static CallbackRejected invalid(String field, String problem) {
    return new CallbackRejected(400, "invalid_field", field + " " + problem);
  }
}
