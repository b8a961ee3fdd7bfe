package dev.timbot.store.redis;

/**
 * Every Redis key the store uses, under one prefix (default {@code timbot:}). Names chosen by
 * callers (namespaces, state keys, timer keys) come after a fixed part, and a namespace is written
 * with its length, so {@code ns "a:b", key "c"} and {@code ns "a", key "b:c"} stay apart.
 */
record Keys(String prefix) {

  // The journal: an id counter, the backlog counter, the shard count, a stream and a lease per
  // shard, and the live processes.
  String journalSeq() {
    return prefix + "j:seq";
  }

  String journalBacklog() {
    return prefix + "j:backlog";
  }

  String journalShards() {
    return prefix + "j:shards";
  }

  String streamPrefix() {
    return prefix + "j:s:";
  }

  String stream(int shard) {
    return streamPrefix() + shard;
  }

  String lease(int shard) {
    return prefix + "j:lease:" + shard;
  }

  String live() {
    return prefix + "j:live";
  }

  String dedupe(String key) {
    return prefix + "d:" + key;
  }

  String stateValuePrefix(String namespace) {
    return prefix + "s:" + namespace.length() + ":" + namespace + ":";
  }

  String stateIndex(String namespace) {
    return prefix + "si:" + namespace.length() + ":" + namespace;
  }

  String outboxEntryPrefix() {
    return prefix + "o:e:";
  }

  String outboxState(Enum<?> state) {
    return prefix + "o:z:" + state.name();
  }

  String outboxForget() {
    return prefix + "o:forget";
  }

  String outboxSeq(String conversation) {
    return prefix + "o:seq:" + conversation;
  }

  String timersDue() {
    return prefix + "t:due";
  }

  String timerPrefix() {
    return prefix + "t:h:";
  }

  String timerClaims() {
    return prefix + "t:claims";
  }

  String rate(String key) {
    return prefix + "rl:" + key;
  }
}
