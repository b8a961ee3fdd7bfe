package dev.timbot.test;

import dev.timbot.spi.VirtualClock;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.CallbackEvent;
import dev.timbot.internal.callback.GroupAtInfo;
import dev.timbot.internal.callback.GroupMessageCallback;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Builds callback records as the service would send them, with unique, increasing identities. */
final class CallbackFactory {
  private final String self;
  private final VirtualClock clock;
  private final AtomicLong c2cSeq = new AtomicLong();
  private final Map<String, AtomicLong> groupSeq = new ConcurrentHashMap<>();

  CallbackFactory(String self, VirtualClock clock) {
    this.self = self;
    this.clock = clock;
  }

  C2CMessageCallback c2c(String from, String to, List<MessageElem> body) {
    long seq = c2cSeq.incrementAndGet();
    long random = 100_000 + seq;
    long time = clock.now().getEpochSecond();
    return new C2CMessageCallback(CallbackCommand.C2C_AFTER_SEND_MSG, from, to == null ? self : to, seq, random,
        time, seq + "_" + random + "_" + time, "144115-" + time + "-" + seq, 1, 0, "send msg succeed", 1, body,
        null, clock.now().toEpochMilli());
  }

  GroupMessageCallback group(String groupId, String from, List<MessageElem> body, List<String> mentions) {
    long seq = groupSeq.computeIfAbsent(groupId, g -> new AtomicLong()).incrementAndGet();
    List<GroupAtInfo> at = mentions.stream().map(a -> new GroupAtInfo(0, a)).toList();
    return new GroupMessageCallback(CallbackCommand.GROUP_AFTER_SEND_MSG, groupId, "Public", from, from,
        200_000 + seq, seq, clock.now().getEpochSecond(), 1, body, null, null, at.isEmpty() ? null : at, null,
        clock.now().toEpochMilli());
  }

  static Message messageOf(CallbackEvent cb, String self) {
    if (cb instanceof C2CMessageCallback c) {
      return c.toMessage(self);
    }
    return ((GroupMessageCallback) cb).toMessage();
  }
}
