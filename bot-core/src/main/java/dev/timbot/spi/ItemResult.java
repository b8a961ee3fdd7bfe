package dev.timbot.spi;

/**
 * One item of a batch answer: which account (or message sequence, group, …) and its own code.
 * Batch APIs answer {@code ErrorCode: 0} overall while single items fail; those failures are
 * reported here rather than swallowed.
 *
 * @param id the account, group ID or message sequence the item is about
 * @param code the item's code (0 = success; for {@code add_group_member} the {@code Result})
 * @param info the item's text, empty when none
 */
public record ItemResult(String id, int code, String info) {
  public boolean ok() {
    return code == 0;
  }
}
