package dev.timbot.internal.store;

/** A {@link GroupCommit.Durable} that passes every call to a real one; tests override what they watch or break. */
class ForwardingDurable implements GroupCommit.Durable {
  private final GroupCommit.Durable real;

  ForwardingDurable(GroupCommit.Durable real) {
    this.real = real;
  }

  @Override
  public void commit() {
    real.commit();
  }

  @Override
  public void sync() {
    real.sync();
  }

  @Override
  public boolean hasUnsavedChanges() {
    return real.hasUnsavedChanges();
  }

  @Override
  public void halt() {
    real.halt();
  }
}
