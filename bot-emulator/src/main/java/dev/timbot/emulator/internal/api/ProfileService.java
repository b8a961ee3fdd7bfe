package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Profiles ({@code profile/portrait_get}, {@code profile/portrait_set}). */
public final class ProfileService {
  private static final String SVC = "profile";
  private static final Set<String> STRING_TAGS = Set.of(
      "Tag_Profile_IM_Nick", "Tag_Profile_IM_Gender", "Tag_Profile_IM_Location",
      "Tag_Profile_IM_SelfSignature", "Tag_Profile_IM_AllowType", "Tag_Profile_IM_Image",
      "Tag_Profile_IM_AdminForbidType");
  private static final Set<String> NUMBER_TAGS = Set.of(
      "Tag_Profile_IM_BirthDay", "Tag_Profile_IM_Language", "Tag_Profile_IM_Level", "Tag_Profile_IM_Role");
  private static final Map<String, Set<String>> ENUMS = Map.of(
      "Tag_Profile_IM_Gender", Set.of("Gender_Type_Unknown", "Gender_Type_Female", "Gender_Type_Male"),
      "Tag_Profile_IM_AllowType", Set.of("AllowType_Type_NeedConfirm", "AllowType_Type_AllowAny", "AllowType_Type_DenyAny"),
      "Tag_Profile_IM_AdminForbidType", Set.of("AdminForbid_Type_None", "AdminForbid_Type_SendOut"));

  private final Emulator em;

  public ProfileService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "portrait_get", this::get).add(SVC, "portrait_set", this::set);
  }

  private ObjectNode get(RestCall call) {
    Body b = call.body();
    List<String> ids = b.stringList(40001, "To_Account");
    if (ids.isEmpty()) {
      throw new ImError(40002, "To_Account is missing");
    }
    if (ids.size() > 100) {
      throw new ImError(40001, "at most 100 accounts");
    }
    List<String> tags = b.stringList(40001, "TagList");
    ObjectNode out = Wire.mapper().createObjectNode();
    ArrayNode items = out.putArray("UserProfileItem");
    List<String> failed = new ArrayList<>();
    for (String id : ids) {
      ObjectNode item = items.addObject();
      item.put("To_Account", id);
      ArrayNode profile = item.putArray("ProfileItem");
      if (!em.accounts.exists(id)) {
        item.put("ResultCode", 40003);
        item.put("ResultInfo", "Err_Profile_Account_Not_Exist");
        failed.add(id);
        continue;
      }
      Map<String, JsonNode> p = em.profiles.get(id);
      for (String tag : tags) {
        JsonNode v = p.get(tag);
        if (v != null) {
          profile.addObject().put("Tag", tag).set("Value", v);
        }
      }
      item.put("ResultCode", 0);
      item.put("ResultInfo", "");
    }
    Messages.failAccounts(out, failed);
    return out;
  }

  private ObjectNode set(RestCall call) {
    Body b = call.body();
    String from = b.string(40001, "From_Account");
    if (!em.accounts.exists(from)) {
      throw new ImError(40003, "From_Account does not exist");
    }
    List<JsonNode> items = b.array(40001, "ProfileItem");
    if (items.isEmpty()) {
      throw new ImError(40001, "ProfileItem is empty");
    }
    List<String> tags = new ArrayList<>();
    List<JsonNode> values = new ArrayList<>();
    // Validate everything first: the service applies a request all or nothing.
    for (JsonNode item : items) {
      if (!item.path("Tag").isTextual()) {
        throw new ImError(40001, "ProfileItem.Tag must be a string");
      }
      String tag = item.get("Tag").asText();
      JsonNode value = item.get("Value");
      validate(tag, value);
      tags.add(tag);
      values.add(value);
    }
    for (int i = 0; i < tags.size(); i++) {
      em.profiles.set(from, tags.get(i), values.get(i));
    }
    em.callbacks.after("profile:" + from, Commands.PROFILE_PORTRAIT_SET,
        Payloads.portraitSet(call.identifier(), from, em.eventTime(), tags, values),
        call.clientIp(), "RESTAPI");
    return Wire.mapper().createObjectNode();
  }

  static void validate(String tag, JsonNode value) {
    if (value == null || value.isNull()) {
      throw new ImError(40001, "Value is missing for " + tag);
    }
    if (STRING_TAGS.contains(tag)) {
      if (!value.isTextual()) {
        throw new ImError(40610, tag + " takes a string");
      }
      if (value.asText().getBytes(StandardCharsets.UTF_8).length > 500) {
        throw new ImError(40601, tag + " is longer than 500 bytes");
      }
      Set<String> allowed = ENUMS.get(tag);
      if (allowed != null && !allowed.contains(value.asText())) {
        throw new ImError(40605, "invalid value for " + tag);
      }
    } else if (NUMBER_TAGS.contains(tag)) {
      if (!value.isIntegralNumber()) {
        throw new ImError(40610, tag + " takes an integer");
      }
    } else if (tag.startsWith("Tag_Profile_Custom_")) {
      if (value.isTextual() && value.asText().getBytes(StandardCharsets.UTF_8).length > 500) {
        throw new ImError(40601, tag + " is longer than 500 bytes");
      }
    } else {
      throw new ImError(40009, "unknown profile tag " + tag);
    }
  }
}
