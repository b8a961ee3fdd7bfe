package dev.timbot.emulator;

/**
 * One {@code GroupAt} item of a group message: {@code GroupAtAllFlag} 1 = @all, 0 = @ the
 * member {@code GroupAt_Account}.
 */
public record GroupAt(int groupAtAllFlag, String groupAtAccount) {
  public static GroupAt all() {
    return new GroupAt(1, null);
  }

  public static GroupAt member(String account) {
    return new GroupAt(0, account);
  }

  public boolean atAll() {
    return groupAtAllFlag == 1;
  }
}
