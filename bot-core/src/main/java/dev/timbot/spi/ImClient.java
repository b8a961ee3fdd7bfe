package dev.timbot.spi;

/**
 * The IM service as a backend implements it (the Tencent REST client, the test kit's fake): the
 * administration calls and the message sends. The runtime wraps it; plugins see {@link ImAdmin}.
 */
public interface ImClient extends ImAdmin, ImMessages {}
