package dev.timbot.plugins.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the desk says. Placeholders: {@code {position}}, {@code {agent}}, {@code {customer}},
 * {@code {wait}} (seconds), {@code {minutes}}. Defaults are bilingual.
 */
public record DeskTexts(
    @JsonProperty("queued") String queued,
    @JsonProperty("positionUpdate") String positionUpdate,
    @JsonProperty("assignedToCustomer") String assignedToCustomer,
    @JsonProperty("assignedToAgent") String assignedToAgent,
    @JsonProperty("noAgentOnline") String noAgentOnline,
    @JsonProperty("outOfHours") String outOfHours,
    @JsonProperty("queueTimeout") String queueTimeout,
    @JsonProperty("messageLeft") String messageLeft,
    @JsonProperty("alreadyServed") String alreadyServed,
    @JsonProperty("reminder") String reminder,
    @JsonProperty("endedForCustomer") String endedForCustomer,
    @JsonProperty("endedForAgent") String endedForAgent,
    @JsonProperty("ratingPrompt") String ratingPrompt,
    @JsonProperty("ratingThanks") String ratingThanks,
    @JsonProperty("ratingDuplicate") String ratingDuplicate,
    @JsonProperty("ratingExpired") String ratingExpired,
    @JsonProperty("agentWentOffline") String agentWentOffline,
    @JsonProperty("transferred") String transferred,
    @JsonProperty("agentsOnly") String agentsOnly,
    @JsonProperty("handoffOffer") String handoffOffer,
    @JsonProperty("splitNotice") String splitNotice,
    @JsonProperty("notDelivered") String notDelivered) {

  public static DeskTexts defaults() {
    return new DeskTexts(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null);
  }

  public DeskTexts {
    queued = or(queued, "正在为您转接人工客服，您前面还有 {position} 位。/ Connecting you to an agent: you are number {position} in the queue.");
    positionUpdate = or(positionUpdate, "您现在排在第 {position} 位。/ You are now number {position} in the queue.");
    assignedToCustomer = or(assignedToCustomer, "客服 {agent} 为您服务。/ Agent {agent} is now with you.");
    assignedToAgent = or(assignedToAgent, "New customer {customer} (waited {wait} s). Reply here to talk to them; /end to finish, /history for context.");
    noAgentOnline = or(noAgentOnline, "暂无客服在线，请留言，我们会尽快回复。/ No agent is online right now. Leave a message and we will get back to you.");
    outOfHours = or(outOfHours, "现在是非工作时间，请留言，我们上班后回复您。/ We are outside working hours. Leave a message and we will reply when we are back.");
    queueTimeout = or(queueTimeout, "抱歉，客服都在忙。请留言，我们会尽快回复。/ Sorry, all agents are still busy. Leave a message and we will get back to you.");
    messageLeft = or(messageLeft, "已收到您的留言。/ Thanks, your message has been recorded.");
    alreadyServed = or(alreadyServed, "您已在人工服务中。/ You are already talking to an agent.");
    reminder = or(reminder, "您还在吗？{minutes} 分钟内无消息将结束会话。/ Are you still there? The chat closes after {minutes} more minutes without a message.");
    endedForCustomer = or(endedForCustomer, "本次服务已结束，感谢您的咨询。/ This chat has ended. Thank you!");
    endedForAgent = or(endedForAgent, "Chat with {customer} ended.");
    ratingPrompt = or(ratingPrompt, "请为本次服务评分，回复 1–5（5 为非常满意）。/ Please rate this chat: reply 1–5 (5 = very satisfied).");
    ratingThanks = or(ratingThanks, "感谢您的评价！/ Thank you for your rating!");
    ratingDuplicate = or(ratingDuplicate, "您已评价过本次服务，谢谢！/ You have already rated this chat. Thank you!");
    ratingExpired = or(ratingExpired, "评价已过期，感谢您的反馈。/ Rating for this chat has closed. Thanks all the same!");
    agentWentOffline = or(agentWentOffline, "客服已离线，正在为您重新转接（您排在第一位）。/ Your agent went offline; we are connecting you to another one (you are first in line).");
    transferred = or(transferred, "正在为您转接其他客服。/ You are being transferred to another agent.");
    agentsOnly = or(agentsOnly, "该命令仅供客服使用。/ That command is for agents only.");
    handoffOffer = or(handoffOffer, "抱歉，这个问题我答不上来。回复 1 转人工客服。/ Sorry, I could not answer that. Reply 1 to talk to a person.");
    splitNotice = or(splitNotice, "您的消息较长，已分 {parts} 条转给客服。/ Your message was long, so it went to the agent in {parts} parts.");
    notDelivered = or(notDelivered, "抱歉，您的消息未能送达客服（{reason}），请重试。/ Sorry, your message could not be delivered to the agent ({reason}). Please try again.");
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }

  static String fill(String text, Object... pairs) {
    String out = text;
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      out = out.replace("{" + pairs[i] + "}", String.valueOf(pairs[i + 1]));
    }
    return out;
  }
}
