package dev.timbot.architecture;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published API is small, self-contained and layered; this test is what enforces it. The API
 * packages are {@code dev.timbot}, {@code dev.timbot.message}, {@code dev.timbot.spi} and {@code
 * dev.timbot.tencent}; everything else lives under {@code dev.timbot.internal}.
 */
class PublicApiTest {
  /** The budget a newcomer can read in an hour. */
  static final int MAX_PUBLIC_TOP_LEVEL_TYPES = 45;

  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.timbot");

  static final DescribedPredicate<JavaClass> API = DescribedPredicate.describe("in an API package",
      c -> !c.getPackageName().startsWith("dev.timbot.internal") && c.getModifiers().contains(JavaModifier.PUBLIC)
          && isPublicAllTheWayUp(c));

  static boolean isPublicAllTheWayUp(JavaClass c) {
    for (JavaClass cur = c; cur != null; cur = cur.getEnclosingClass().orElse(null)) {
      if (!cur.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return !c.isAnonymousClass() && !c.isLocalClass();
  }

  @Test
  void atMost45PublicTopLevelTypesOutsideInternal() {
    Set<String> published = new TreeSet<>();
    for (JavaClass c : MAIN) {
      if (API.test(c) && c.isTopLevelClass() && !c.getSimpleName().equals("package-info")) {
        published.add(c.getName());
      }
    }
    assertThat(published).as("public top-level types outside internal: %s", published)
        .hasSizeLessThanOrEqualTo(MAX_PUBLIC_TOP_LEVEL_TYPES);
  }

  /**
   * Signatures of the API use only the JDK and timbot's own API types: no internal class, and no
   * Jackson, Caffeine, OkHttp, Guice or Jetty type a user would then depend on. Micrometer's
   * {@code MeterRegistry} is the one integration point allowed (metrics are the registry).
   */
  @Test
  void apiSignaturesExposeNoInternalOrThirdPartyTypes() {
    classes().that(API).should(exposeOnlyAllowedTypes()).check(MAIN);
  }

  /** Every package is its own slice, {@code dev.timbot} included: no two packages need each other. */
  @Test
  void noPackageCyclesInsideBotCore() {
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        return c.getPackageName().startsWith("dev.timbot") ? SliceIdentifier.of(c.getPackageName())
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages of bot-core";
      }
    }).should().beFreeOfCycles().check(MAIN);
  }

  private static ArchCondition<JavaClass> exposeOnlyAllowedTypes() {
    return new ArchCondition<>("expose only JDK and timbot API types") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        Stream<JavaCodeUnit> units = c.getCodeUnits().stream()
            .filter(u -> u.getModifiers().contains(JavaModifier.PUBLIC)
                || (u.getModifiers().contains(JavaModifier.PROTECTED) && !c.getModifiers().contains(JavaModifier.FINAL)))
            .filter(u -> !u.getName().startsWith("lambda$"));
        units.forEach(u -> {
          List<JavaClass> involved = new java.util.ArrayList<>(u.getReturnType().getAllInvolvedRawTypes());
          u.getParameterTypes().forEach(p -> involved.addAll(p.getAllInvolvedRawTypes()));
          u.getExceptionTypes().forEach(involved::add);
          involved.stream().filter(t -> !allowed(t)).forEach(t ->
              events.add(violated(u, u.getFullName() + " exposes " + t.getName())));
        });
        for (JavaField f : c.getFields()) {
          if (f.getModifiers().contains(JavaModifier.PUBLIC)) {
            f.getType().getAllInvolvedRawTypes().stream().filter(t -> !allowed(t)).forEach(t ->
                events.add(violated(f, f.getFullName() + " exposes " + t.getName())));
          }
        }
      }
    };
  }

  static boolean allowed(JavaClass t) {
    JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
    String name = base.getName();
    if (base.isPrimitive() || name.startsWith("java.")) {
      return true;
    }
    if (name.equals("io.micrometer.core.instrument.MeterRegistry")) {
      return true;
    }
    return name.startsWith("dev.timbot.") && !name.startsWith("dev.timbot.internal.") && API.test(base);
  }
}
