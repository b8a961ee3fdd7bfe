package dev.timbot.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Lua script of this package ({@code NAME.lua} beside the classes). Sent with {@code EVAL}
 * (Redis compiles it once and caches it by digest), see {@link RedisLink#eval}.
 */
record LuaScript(String name, String source) {

  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("the Redis store's script " + name + ".lua is missing from the class path");
      }
      return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
