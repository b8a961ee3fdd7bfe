package dev.timbot.emulator.internal.api;

import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;

/**
 * Every REST service of one emulator, registered, and the ones the client side ({@code ImUsers})
 * also acts through: a console user's sends, recalls, reads, history, joins and logins take the
 * same paths (checks, callbacks, delivery) as the REST commands.
 */
public record ApiServices(
    AccountService accounts,
    C2cSendService c2cSend,
    C2cRecallService c2cRecall,
    C2cReadService c2cRead,
    C2cHistoryService c2cHistory,
    GroupMessageService groupMessages,
    GroupMemberService groupMembers) {

  /** Creates every service over {@code em} and registers its commands in {@code apis}. */
  public static ApiServices register(Emulator em, ApiRegistry apis) {
    ApiServices s = new ApiServices(new AccountService(em), new C2cSendService(em),
        new C2cRecallService(em), new C2cReadService(em), new C2cHistoryService(em),
        new GroupMessageService(em), new GroupMemberService(em));
    s.accounts.register(apis);
    s.c2cSend.register(apis);
    s.c2cRecall.register(apis);
    s.c2cRead.register(apis);
    s.c2cHistory.register(apis);
    new GroupLifecycleService(em).register(apis);
    s.groupMembers.register(apis);
    s.groupMessages.register(apis);
    new SnsService(em).register(apis);
    new ProfileService(em).register(apis);
    return s;
  }
}
