package dev.timbot.benchmarks.spring;

import io.github.doocs.im.model.callback.BotOnC2cMessageCallback;
import io.github.doocs.im.model.callback.CallbackResponse;
import io.github.doocs.im.model.message.TIMMsgElement;
import io.github.doocs.im.model.message.TIMTextMsgElement;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tencent IM's callback URL. {@code Bot.OnC2CMessage} is bound to the SDK's own model and echoed
 * ("You said: ..." like timbot's echo sample); every other command is acknowledged and ignored.
 * The {@code SdkAppid} must be ours and, with a token configured, the {@code Sign} valid.
 */
@RestController
class C2cCallbackController {
  private static final CallbackResponse OK = CallbackResponse.builder().actionStatus("OK").errorCode(0)
      .errorInfo("").build();

  private final PeerProperties peer;
  private final EchoSender sender;
  private final TaskExecutor executor;

  C2cCallbackController(PeerProperties peer, EchoSender sender, TaskExecutor applicationTaskExecutor) {
    this.peer = peer;
    this.sender = sender;
    this.executor = applicationTaskExecutor;
  }

  @PostMapping(path = "/tim/callback", params = "CallbackCommand=Bot.OnC2CMessage")
  ResponseEntity<CallbackResponse> onC2cMessage(@RequestParam("SdkAppid") long sdkAppId,
      @RequestParam(name = "RequestTime", required = false) Long requestTime,
      @RequestParam(name = "Sign", required = false) String sign,
      @RequestBody BotOnC2cMessageCallback callback) {
    ResponseEntity<CallbackResponse> refused = refusal(sdkAppId, requestTime, sign);
    if (refused != null) {
      return refused;
    }
    String from = callback.getFromAccount();
    String text = text(callback);
    if (from != null && !from.equals(peer.botAccount()) && peer.botAccount().equals(callback.getToAccount())
        && !text.isEmpty()) {
      if (peer.reply() == PeerProperties.ReplyMode.ASYNC) {
        executor.execute(() -> sender.echo(from, text));
      } else {
        sender.echo(from, text);
      }
    }
    return ResponseEntity.ok(OK);
  }

  @PostMapping("/tim/callback")
  ResponseEntity<CallbackResponse> onOtherCallback(@RequestParam("SdkAppid") long sdkAppId,
      @RequestParam(name = "RequestTime", required = false) Long requestTime,
      @RequestParam(name = "Sign", required = false) String sign) {
    ResponseEntity<CallbackResponse> refused = refusal(sdkAppId, requestTime, sign);
    return refused != null ? refused : ResponseEntity.ok(OK);
  }

  private ResponseEntity<CallbackResponse> refusal(long sdkAppId, Long requestTime, String sign) {
    if (sdkAppId != peer.sdkAppId()) {
      return fail(HttpStatus.FORBIDDEN, "unknown SdkAppid");
    }
    String token = peer.callbackToken();
    if (token != null && !token.isEmpty()
        && !CallbackSignature.valid(token, requestTime, sign, System.currentTimeMillis() / 1000)) {
      return fail(HttpStatus.UNAUTHORIZED, "bad or missing Sign/RequestTime");
    }
    return null;
  }

  private static ResponseEntity<CallbackResponse> fail(HttpStatus status, String why) {
    return ResponseEntity.status(status)
        .body(CallbackResponse.builder().actionStatus("FAIL").errorCode(1).errorInfo(why).build());
  }

  private static String text(BotOnC2cMessageCallback callback) {
    StringBuilder text = new StringBuilder();
    if (callback.getMsgBody() != null) {
      for (TIMMsgElement element : callback.getMsgBody()) {
        if (element instanceof TIMTextMsgElement t && t.getMsgContent() != null && t.getMsgContent().getText() != null) {
          text.append(t.getMsgContent().getText());
        }
      }
    }
    return text.toString();
  }
}
