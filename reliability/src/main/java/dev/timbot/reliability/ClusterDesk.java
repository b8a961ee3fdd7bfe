package dev.timbot.reliability;

import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.ImUsers;
import dev.timbot.message.TextElem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code cluster-desk}: the customer-service sample on the local cluster ({@link LocalCluster}),
 * a customer handed over to an agent, then the instance holding the handoff kill -9'd while the
 * two keep talking, then the agent ends the chat. Reports each step as seen by the customer and
 * the agent (it does not assert: the desk keeps its model in each process's memory, RELIABILITY.md).
 */
final class ClusterDesk {
  private static final long STEP_MS = 20_000;

  private final ImUsers users;
  private final List<ClientMessage> toCustomer = Collections.synchronizedList(new ArrayList<>());
  private final List<ClientMessage> toAgent = Collections.synchronizedList(new ArrayList<>());
  private final List<String> report = new ArrayList<>();
  private boolean allSeen = true;

  private ClusterDesk(ImUsers users) {
    this.users = users;
  }

  /** With one instance it is the control run: the same script on a bot that holds the whole desk. */
  static boolean run(Path work, int instances) throws Exception {
    try (LocalCluster c = LocalCluster.start(work, instances, 0, 0, 0)) {
      ClusterDesk d = new ClusterDesk(c.im().users());
      d.users.login("agent1"); // the desk sees the agent online
      d.users.subscribe("agent1", sink(d.toAgent));
      d.users.login("customer1");
      d.users.subscribe("customer1", sink(d.toCustomer));
      Thread.sleep(2000);
      d.say("customer1", "转人工", "the customer is told agent1 takes the chat", d.toCustomer, t -> t.contains("agent1"));
      d.say("customer1", "my parcel is late", "the agent gets the customer's message", d.toAgent,
          t -> t.contains("my parcel is late"));
      d.say("agent1", "Let me check that for you.", "the customer gets the agent's reply", d.toCustomer,
          t -> t.contains("Let me check that for you."));
      Thread.sleep(1500); // the desk writes its state behind, within a second
      int holder = holderOf(work, c.instances());
      d.report.add("instances: " + c.instances());
      d.report.add("the handoff's state was written by bot" + (holder + 1) + "; kill -9 of bot" + (holder + 1));
      c.kill9(holder);
      d.say("customer1", "hello? are you still there?", "after the kill, the agent gets the customer's message",
          d.toAgent, t -> t.contains("are you still there"));
      d.say("agent1", "Yes, still here.", "after the kill, the customer gets the agent's reply", d.toCustomer,
          t -> t.contains("Yes, still here."));
      d.report.add("restarting bot" + (holder + 1));
      c.restart(holder);
      d.say("customer1", "thanks", "after the restart, the agent gets the customer's message (the handoff goes on)",
          d.toAgent, t -> t.contains("thanks"));
      d.say("agent1", "/end", "the customer gets one rating card", d.toCustomer, t -> t.contains("\"src\":\"9\""));
      Thread.sleep(3000);
      long cards = d.toCustomer.stream().filter(m -> m.body().toString().contains("\"src\":\"9\"")).count();
      d.report.add("rating cards the customer got: " + cards);
      System.out.println("RESULT cluster-desk:\n  " + String.join("\n  ", d.report) + "\n  customer saw:\n    "
          + String.join("\n    ", texts(d.toCustomer)) + "\n  agent saw:\n    " + String.join("\n    ",
          texts(d.toAgent)));
      return d.allSeen && cards == 1;
    }
  }

  /**
   * Sends {@code text} as {@code from}, then waits for a new message from the bot in {@code inbox}
   * that {@code expect} accepts.
   */
  private void say(String from, String text, String step, List<ClientMessage> inbox, Predicate<String> expect)
      throws InterruptedException {
    int before = inbox.size();
    users.sendC2C(from, LocalCluster.ACCOUNT, List.of(TextElem.of(text)), null);
    long deadline = System.currentTimeMillis() + STEP_MS;
    while (System.currentTimeMillis() < deadline) {
      synchronized (inbox) {
        for (ClientMessage m : inbox.subList(before, inbox.size())) {
          if (LocalCluster.ACCOUNT.equals(m.from()) && expect.test(text(m))) {
            report.add("seen: " + step + " (" + from + ": " + text + ")");
            return;
          }
        }
      }
      Thread.sleep(100);
    }
    allSeen = false;
    report.add("NOT seen within " + STEP_MS / 1000 + " s: " + step + " (" + from + ": " + text + ")");
  }

  /** The instance whose desk files mention customer1 (the demo keeps them under its --data directory). */
  private static int holderOf(Path work, int instances) throws IOException {
    for (int i = 0; i < instances; i++) {
      Path dir = work.resolve("bot" + (i + 1));
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().contains("service")).toList()) {
            if (Files.readString(f).contains("customer1")) {
              return i;
            }
          }
        }
      }
    }
    return 0;
  }

  private static String text(ClientMessage m) {
    return m.body().toString();
  }

  private static List<String> texts(List<ClientMessage> messages) {
    synchronized (messages) {
      return messages.stream().map(m -> m.from() + ": " + text(m)).toList();
    }
  }

  static ImUserListener sink(List<ClientMessage> into) {
    return new ImUserListener() {
      @Override
      public void onMessage(ClientMessage message) {
        into.add(message);
      }
    };
  }
}
