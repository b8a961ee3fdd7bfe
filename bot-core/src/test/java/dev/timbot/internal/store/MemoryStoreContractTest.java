package dev.timbot.internal.store;

import dev.timbot.spi.Store;

class MemoryStoreContractTest extends StoreContract {
  @Override
  protected Store open() {
    return Stores.open("memory:", clock);
  }
}
