package dev.timbot.reliability;

import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUsers;
import dev.timbot.message.CustomElem;
import dev.timbot.plugins.calls.CallAction;
import dev.timbot.plugins.calls.CallSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code cluster-calls}: the customer-service sample's call relay on the local cluster ({@link
 * LocalCluster}), the calls kept in Redis. One call is answered and hung up while the customer's
 * and the agents' conversations are handled by whichever instances hold them; a second call rings,
 * the instance that took it is kill -9'd, and the ring timeout must still reach the caller and the
 * agents exactly once, from another instance. Goals: every step seen, one timeout each.
 */
final class ClusterCalls {
  private static final long STEP_MS = 20_000;
  /** The sample's v3 ring timeout (customer-service.yaml: calls.ringTimeout) plus the timer poll and slack. */
  private static final long RING_MS = 60_000 + 15_000;
  private static final String ROOM = "31415";

  private final ImUsers users;
  private final Map<String, List<ClientMessage>> inbox = new TreeMap<>();
  private final List<String> report = new ArrayList<>();
  private boolean allSeen = true;

  private ClusterCalls(ImUsers users) {
    this.users = users;
  }

  static String v3(int action, int duration) {
    return "{\"call_id\":\"\",\"version\":3,\"room_id\":" + ROOM + ",\"action\":" + action + ",\"duration\":"
        + duration + ",\"invited_list\":[]}";
  }

  static boolean run(Path work, int instances) throws Exception {
    try (LocalCluster c = LocalCluster.start(work, instances, 0, 0, 0)) {
      ClusterCalls t = new ClusterCalls(c.im().users());
      for (String person : List.of("agent1", "agent2", "customer1", "customer2")) {
        t.users.login(person); // the desk sees the agents online: they may be rung
        List<ClientMessage> in = Collections.synchronizedList(new ArrayList<>());
        t.inbox.put(person, in);
        t.users.subscribe(person, ClusterDesk.sink(in));
      }
      Thread.sleep(2000);
      t.report.add("instances: " + c.instances());

      t.signal("customer1", v3(0, 0), "both agents are rung", "agent1", CallAction.INVITE);
      t.await("agent2", CallAction.INVITE, "agent2 is rung", 0);
      // The agent whose conversation another instance holds than the caller's answers, when there is one.
      Map<String, Integer> holders = new TreeMap<>();
      for (String person : List.of("customer1", "agent1", "agent2")) {
        holders.put(person, conversationHolder(c, person));
      }
      String answering = holders.get("agent2").equals(holders.get("customer1"))
          && !holders.get("agent1").equals(holders.get("customer1")) ? "agent1" : "agent2";
      String other = answering.equals("agent1") ? "agent2" : "agent1";
      t.report.add("conversations held by (journal shard leases in Redis): " + holders.entrySet().stream()
          .map(e -> e.getKey() + "=bot" + (e.getValue() + 1)).toList() + "; " + answering + " answers");
      t.signal(answering, v3(4, 0), "the caller hears the accept", "customer1", CallAction.ACCEPT);
      t.await(other, CallAction.CANCEL, other + " stops ringing", 0);
      t.signal("customer1", v3(5, 12), answering + " hears the hang-up", answering, CallAction.HANGUP);

      int[] before = {t.count("agent1", CallAction.INVITE), t.count("agent2", CallAction.INVITE)};
      t.signal("customer2", v3(0, 0), "a second call rings agent1", "agent1", CallAction.INVITE);
      t.await("agent2", CallAction.INVITE, "and agent2", before[1]);
      Optional<Integer> holder = holderOf(c, "customer2");
      t.report.add("the second call was taken by " + holder.map(h -> "bot" + (h + 1)).orElse("an instance not found in the logs")
          + "; kill -9 of it");
      if (holder.isPresent()) {
        c.kill9(holder.get());
      } else {
        t.allSeen = false;
      }
      t.await("customer2", CallAction.NO_ANSWER, "the ring timeout reaches the caller from another instance",
          0, RING_MS);
      Thread.sleep(10_000); // a second timeout would come within the poll's second; give it ten
      int toCaller = t.count("customer2", CallAction.NO_ANSWER);
      int toAgent1 = t.count("agent1", CallAction.NO_ANSWER);
      int toAgent2 = t.count("agent2", CallAction.NO_ANSWER);
      t.report.add("timeouts: caller " + toCaller + ", agent1 " + toAgent1 + ", agent2 " + toAgent2);
      t.report.add("first call: rang from " + logged(c, " from customer1 rings ") + ", answered on "
          + logged(c, " connected to " + answering) + ", logged on " + logged(c, "ANSWERED (caller hung up): caller customer1"));
      t.report.add("second call: rang from " + logged(c, " from customer2 rings ") + ", timed out on "
          + logged(c, "MISSED (no answer within") + " (the instances whose logs say so)");
      System.out.println("RESULT cluster-calls:\n  " + String.join("\n  ", t.report));
      return t.allSeen && toCaller == 1 && toAgent1 == 1 && toAgent2 == 1;
    }
  }

  /** Sends a call signal as {@code from}, then waits for {@code action} from the bot to {@code to}. */
  private void signal(String from, String data, String step, String to, CallAction action) throws InterruptedException {
    int seen = count(to, action);
    users.sendC2C(from, LocalCluster.ACCOUNT, List.of(CustomElem.of(data)), null);
    await(to, action, step + " (" + from + ": " + CallSignals.decode(data).orElseThrow().action() + ")", seen);
  }

  private void await(String to, CallAction action, String step, int seenBefore) throws InterruptedException {
    await(to, action, step, seenBefore, STEP_MS);
  }

  private void await(String to, CallAction action, String step, int seenBefore, long waitMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + waitMs;
    while (System.currentTimeMillis() < deadline) {
      if (count(to, action) > seenBefore) {
        report.add("seen: " + step);
        return;
      }
      Thread.sleep(100);
    }
    allSeen = false;
    report.add("NOT seen within " + waitMs / 1000 + " s: " + step);
  }

  /** Call signals with {@code action} the bot sent to {@code to} so far. */
  private int count(String to, CallAction action) {
    List<ClientMessage> in = inbox.get(to);
    synchronized (in) {
      return (int) in.stream().filter(m -> LocalCluster.ACCOUNT.equals(m.from()))
          .flatMap(m -> m.body().stream()).filter(CustomElem.class::isInstance)
          .map(e -> CallSignals.decode((CustomElem) e)).flatMap(Optional::stream)
          .filter(s -> s.action() == action).count();
    }
  }

  /**
   * The instance (0-based) holding {@code user}'s conversation now: the lease of its journal shard
   * in Redis ({@code CRC32("C2C" + user) % shards}), which names the holder's process id; -1 if none.
   */
  private static int conversationHolder(LocalCluster c, String user) {
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(c.redisUrl());
    try (var connection = client.connect()) {
      var redis = connection.sync();
      String count = redis.get("timbot:j:shards");
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(("C2C" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String owner = redis.get("timbot:j:lease:" + crc.getValue() % (count == null ? 16 : Long.parseLong(count)));
      for (int i = 0; owner != null && i < c.instances(); i++) {
        if (owner.contains("-" + c.pid(i) + "-")) {
          return i;
        }
      }
      return -1;
    } finally {
      client.shutdown();
    }
  }

  /** The instances whose logs hold {@code fragment}, e.g. [bot2]. */
  private static List<String> logged(LocalCluster c, String fragment) throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < c.instances(); i++) {
      Path log = c.log(i);
      if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> l.contains(fragment))) {
        out.add("bot" + (i + 1));
      }
    }
    return out;
  }

  /** The instance whose log says it started {@code caller}'s call (the relay logs "call … from <caller> rings …"). */
  private static Optional<Integer> holderOf(LocalCluster c, String caller) throws IOException {
    List<String> bots = logged(c, " from " + caller + " rings ");
    return bots.size() == 1 ? Optional.of(Integer.parseInt(bots.get(0).substring(3)) - 1) : Optional.empty();
  }
}
