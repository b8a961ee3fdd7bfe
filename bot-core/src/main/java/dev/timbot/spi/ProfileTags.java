package dev.timbot.spi;

/** Standard profile tags ({@code Tag_Profile_IM_*}). */
public final class ProfileTags {
  public static final String NICK = "Tag_Profile_IM_Nick";
  public static final String GENDER = "Tag_Profile_IM_Gender";
  public static final String BIRTHDAY = "Tag_Profile_IM_BirthDay";
  public static final String LOCATION = "Tag_Profile_IM_Location";
  public static final String SELF_SIGNATURE = "Tag_Profile_IM_SelfSignature";
  public static final String ALLOW_TYPE = "Tag_Profile_IM_AllowType";
  public static final String LANGUAGE = "Tag_Profile_IM_Language";
  public static final String IMAGE = "Tag_Profile_IM_Image";
  public static final String ADMIN_FORBID_TYPE = "Tag_Profile_IM_AdminForbidType";
  public static final String LEVEL = "Tag_Profile_IM_Level";
  public static final String ROLE = "Tag_Profile_IM_Role";

  private ProfileTags() {}
}
