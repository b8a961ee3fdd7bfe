package dev.timbot.emulator;

import dev.timbot.spi.BotClock.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh emulator on a virtual clock per test, with a REST helper signed as its admin. */
abstract class EmulatorTestBase {
  final VirtualClock clock = new VirtualClock();
  LocalIm im;
  Rest rest;

  /** Accounts every test of the class needs. */
  String[] accounts() {
    return new String[0];
  }

  @BeforeEach
  void startEmulator() {
    im = LocalIm.builder().clock(clock).start();
    rest = new Rest(im);
    if (accounts().length > 0) {
      rest.accounts(accounts());
    }
  }

  @AfterEach
  void stopEmulator() {
    im.stop();
  }
}
