package dev.timbot.internal.runtime;

import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@link ImClient} handed to plugins and handlers: it forwards to the real client only while
 * the bot is running, and otherwise fails fast with the TIM SDK's own codes — 6013 before {@code
 * start()}, 6014 after {@code stop()} — instead of hanging. Every {@code ImClient} method returns
 * a future, so one dynamic proxy covers the whole interface.
 */
public final class GuardedImClient {
  /** Where the bot is in its life, as the guard sees it. */
  public enum Gate {
    NOT_STARTED,
    OPEN,
    CLOSED
  }

  private GuardedImClient() {}

  public static ImClient create(Supplier<ImClient> delegate, Supplier<Gate> gate) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
          }
          Gate g = gate.get();
          if (g == Gate.NOT_STARTED) {
            return CompletableFuture.failedFuture(
                new ImException(ImErrorCodes.SDK_NOT_INITIALIZED,
                    "the bot is not started: call bot.start() before " + method.getName()));
          }
          if (g == Gate.CLOSED) {
            return CompletableFuture.failedFuture(
                new ImException(ImErrorCodes.SDK_NOT_LOGGED_IN,
                    "the bot is stopped: " + method.getName() + " is not available"));
          }
          ImClient target = delegate.get();
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            // A synchronous throw from the client becomes a failed future, like every other failure.
            return CompletableFuture.failedFuture(e.getCause());
          }
        };
    return (ImClient)
        Proxy.newProxyInstance(ImClient.class.getClassLoader(), new Class<?>[] {ImClient.class}, h);
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "GuardedImClient";
    }
  }
}
