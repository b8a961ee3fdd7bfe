package dev.timbot.plugin;

import java.util.Optional;

/**
 * The plugins registered with this bot, for plugins that cooperate when both are installed (the
 * calls relay asks the customer-service desk who owns a chat). Inject it and look up in
 * {@link Plugin#configure} or later: a plugin that was not registered is never created on demand.
 */
public interface InstalledPlugins {
  <T extends Plugin> Optional<T> find(Class<T> type);
}
