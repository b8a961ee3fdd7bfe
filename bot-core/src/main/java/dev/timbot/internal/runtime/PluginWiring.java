package dev.timbot.internal.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.InjectionPoint;
import dev.timbot.BotConfig;
import dev.timbot.ConfigSection;
import dev.timbot.Plugin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds plugins with Guice and orders them. A plugin's {@link ConfigSection} types are found
 * from its injection points and bound from their YAML sections before the injector is created,
 * so a bad section fails the build naming its key. Start order: declared {@link
 * Plugin#dependsOn()} plus injected plugins first, otherwise registration order.
 */
public final class PluginWiring {
  private PluginWiring() {}

  /** A plugin given as an instance or as a class to construct. */
  public record Spec(Plugin instance, Class<? extends Plugin> type) {
    public Class<? extends Plugin> pluginClass() {
      return instance != null ? instance.getClass() : type;
    }
  }

  /** The wired plugins in start order, and the injector. */
  public record Wired(List<Plugin> startOrder, Injector injector) {}

  public static Wired wire(List<Spec> specs, BotConfig config, Module core, List<Module> extra) {
    Map<Class<? extends Plugin>, Spec> byClass = new LinkedHashMap<>();
    for (Spec s : specs) {
      if (byClass.put(s.pluginClass(), s) != null) {
        throw new IllegalStateException("plugin " + s.pluginClass().getName() + " is registered twice");
      }
    }
    Map<Class<?>, Set<Class<?>>> injected = new LinkedHashMap<>();
    Map<Class<?>, Object> configs = new LinkedHashMap<>();
    for (Spec s : specs) {
      Set<Class<?>> deps = dependencies(s);
      injected.put(s.pluginClass(), deps);
      for (Class<?> d : deps) {
        ConfigSection section = d.getAnnotation(ConfigSection.class);
        if (section != null && !configs.containsKey(d)) {
          configs.put(d, config.section(section.value(), d));
        }
      }
    }
    Map<Class<? extends Plugin>, Plugin> instances = new LinkedHashMap<>();
    List<Module> modules = new ArrayList<>();
    modules.add(core);
    modules.addAll(extra);
    modules.add(new AbstractModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        configs.forEach((type, value) -> bind((Class) type).toInstance(value));
        for (Spec s : specs) {
          if (s.instance() != null) {
            bind((Class) s.pluginClass()).toInstance(s.instance());
          } else {
            bind((Class) s.type()).in(Singleton.class);
          }
        }
      }
    });
    Injector injector;
    try {
      injector = Guice.createInjector(modules);
    } catch (CreationException e) {
      throw new IllegalStateException("plugins could not be wired: " + e.getMessage(), e);
    }
    for (Spec s : specs) {
      try {
        instances.put(s.pluginClass(), injector.getInstance(s.pluginClass()));
      } catch (ProvisionException | ConfigurationException e) {
        throw new IllegalStateException(
            "plugin " + s.pluginClass().getSimpleName() + " could not be created: " + e.getMessage(), e);
      }
    }
    return new Wired(order(instances, injected), injector);
  }

  private static Set<Class<?>> dependencies(Spec s) {
    Set<Class<?>> out = new LinkedHashSet<>();
    List<InjectionPoint> points = new ArrayList<>();
    try {
      if (s.instance() == null) {
        points.add(InjectionPoint.forConstructorOf(s.type()));
      }
      points.addAll(InjectionPoint.forInstanceMethodsAndFields(s.pluginClass()));
    } catch (ConfigurationException e) {
      throw new IllegalStateException(
          "plugin " + s.pluginClass().getSimpleName() + " cannot be injected: " + e.getMessage(), e);
    }
    for (InjectionPoint p : points) {
      for (Dependency<?> d : p.getDependencies()) {
        out.add(d.getKey().getTypeLiteral().getRawType());
      }
    }
    return out;
  }

  private static List<Plugin> order(
      Map<Class<? extends Plugin>, Plugin> instances, Map<Class<?>, Set<Class<?>>> injected) {
    Map<Class<?>, Set<Class<?>>> deps = new LinkedHashMap<>();
    for (Map.Entry<Class<? extends Plugin>, Plugin> e : instances.entrySet()) {
      Set<Class<?>> d = new LinkedHashSet<>();
      for (Class<? extends Plugin> declared : e.getValue().dependsOn()) {
        if (!instances.containsKey(declared)) {
          throw new IllegalStateException("plugin " + e.getValue().name() + " depends on "
              + declared.getSimpleName() + ", which is not registered");
        }
        d.add(declared);
      }
      for (Class<?> i : injected.getOrDefault(e.getKey(), Set.of())) {
        if (instances.containsKey(i) && i != e.getKey()) {
          d.add(i);
        }
      }
      deps.put(e.getKey(), d);
    }
    List<Plugin> out = new ArrayList<>();
    Set<Class<?>> done = new HashSet<>();
    for (Class<?> c : deps.keySet()) {
      visit(c, deps, instances, done, new LinkedHashSet<>(), out);
    }
    return out;
  }

  private static void visit(Class<?> c, Map<Class<?>, Set<Class<?>>> deps,
      Map<Class<? extends Plugin>, Plugin> instances, Set<Class<?>> done, LinkedHashSet<Class<?>> path,
      List<Plugin> out) {
    if (done.contains(c)) {
      return;
    }
    if (!path.add(c)) {
      List<String> cycle = path.stream().map(Class::getSimpleName).toList();
      throw new IllegalStateException("plugin dependency cycle: " + cycle + " -> " + c.getSimpleName());
    }
    for (Class<?> d : deps.get(c)) {
      visit(d, deps, instances, done, path, out);
    }
    path.remove(c);
    done.add(c);
    out.add(instances.get(c));
  }
}
