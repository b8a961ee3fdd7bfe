package dev.timbot.benchmarks.spring;

import io.github.doocs.im.ImClient;
import io.github.doocs.im.core.Message;
import io.github.doocs.im.model.message.TIMTextMsgElement;
import io.github.doocs.im.model.request.SendMsgRequest;
import io.github.doocs.im.model.response.SendMsgResult;
import io.github.doocs.im.util.HttpUtil;
import io.github.doocs.im.util.JsonUtil;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends the echo through the SDK's {@code sendmsg} (a blocking call).
 *
 * <p>As shipped ({@code peer.client=sdk}), SDK 0.3.43's {@code HttpUtil.post} builds a new OkHttp
 * client for every call; OkHttp then makes a new TLS context per client, so no pooled connection
 * matches and every call opens a TCP connection and does a full TLS handshake (the sink counts
 * them: one per reply). {@code peer.client=shared} is the fix a team would make once it noticed:
 * the same request, URL and JSON code of the SDK, through its public {@code HttpUtil.post(url,
 * json, client, headers)} overload with one long-lived client.
 */
@Service
class EchoSender {
  private static final Logger log = LoggerFactory.getLogger(EchoSender.class);
  private final ImClient im;
  private final String bot;
  private final OkHttpClient shared;
  private final AtomicLong failures = new AtomicLong();

  EchoSender(ImClient im, PeerProperties peer) {
    this.im = im;
    this.bot = peer.botAccount();
    var config = im.getConfig();
    // The SDK's own settings, built once; as many idle connections kept as the harness has senders.
    this.shared = peer.client() == PeerProperties.SdkClient.SHARED
        ? new OkHttpClient.Builder().connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
            .connectTimeout(config.getConnectTimeout(), TimeUnit.MILLISECONDS)
            .readTimeout(config.getReadTimeout(), TimeUnit.MILLISECONDS)
            .writeTimeout(config.getWriteTimeout(), TimeUnit.MILLISECONDS)
            .callTimeout(config.getCallTimeout(), TimeUnit.MILLISECONDS).build()
        : null;
  }

  void echo(String to, String text) {
    SendMsgRequest request = SendMsgRequest.builder().syncOtherMachine(2).fromAccount(bot).toAccount(to)
        .msgRandom(ThreadLocalRandom.current().nextLong(0, 0x1_0000_0000L))
        .msgBody(List.of(new TIMTextMsgElement("You said: " + text))).build();
    try {
      SendMsgResult result = shared == null ? im.message.sendMsg(request) : sendShared(request);
      if (result.getErrorCode() == null || result.getErrorCode() != 0) {
        failed("sendmsg to " + to + " answered " + result.getErrorCode() + " " + result.getErrorInfo(), null);
      }
    } catch (IOException | RuntimeException e) {
      failed("sendmsg to " + to + " failed", e);
    }
  }

  private SendMsgResult sendShared(SendMsgRequest request) throws IOException {
    String url = im.getUrl(Message.SERVICE_NAME, Message.SEND_MSG_COMMAND);
    String answer = HttpUtil.post(url, JsonUtil.obj2Str(request), shared,
        Map.of("User-Agent", im.getConfig().getUserAgent()));
    return JsonUtil.str2Obj(answer, SendMsgResult.class);
  }

  /** Logs the first failures and then every 1000th, so an outage does not flood the log. */
  private void failed(String what, Exception e) {
    long n = failures.incrementAndGet();
    if (n <= 10 || n % 1000 == 0) {
      log.warn("{} ({} failures so far)", what, n, e);
    }
  }
}
