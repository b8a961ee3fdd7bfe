package dev.timbot.internal.store;

import dev.timbot.spi.Store;

class MemoryTimerStoreTest extends TimerStoreContract {
  @Override
  protected Store open() {
    return Stores.open("memory:", clock);
  }
}
