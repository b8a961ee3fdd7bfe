package dev.timbot.samples.cs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between modules, checked where they all meet (this sample puts every plugin,
 * the emulator and the test kit on one classpath): only bot-core reaches into {@code
 * dev.timbot.internal}, and plugins cooperate through core contracts, never each other's classes.
 */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // Test jars of other modules (the emulator's fixtures) are tests too.
      .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
      .importPackages("dev.timbot");

  @Test
  void onlyBotCoreUsesItsInternals() {
    noClasses().that().resideInAnyPackage("dev.timbot.plugins..", "dev.timbot.emulator..", "dev.timbot.test..",
            "dev.timbot.samples..")
        .should().dependOnClassesThat().resideInAPackage("dev.timbot.internal..")
        .check(MAIN);
  }

  @Test
  void noPluginDependsOnAnother() {
    slices().matching("dev.timbot.plugins.(*)..").should().notDependOnEachOther().check(MAIN);
  }
}
