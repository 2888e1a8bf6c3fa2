package payledger;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of the service's own classes (docs/ARCHITECTURE.md): the capabilities form
 * no cycle, the root package is wiring that nothing imports, and the hash chain stays below the
 * entities that journal through it.
 */
@AnalyzeClasses(packages = "payledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Each top-level package with its subpackages is one slice: {@code audit} includes {@code audit.cli}. */
  @ArchTest
  static final ArchRule capabilitiesFormNoCycle =
      slices().matching("payledger.(*)..").namingSlices("$1").should().beFreeOfCycles();

  /** Main, Service and the like start and connect everything; no capability depends on them. */
  @ArchTest
  static final ArchRule nothingDependsOnTheWiring =
      noClasses().that().resideOutsideOfPackage("payledger")
          .should().dependOnClassesThat().resideInAPackage("payledger");

  /** The entities journal through the chain; the chain knows no entity and no auditor. */
  @ArchTest
  static final ArchRule theHashChainKnowsNoEntity =
      classes().that().resideInAPackage("payledger.chain..")
          .should().onlyDependOnClassesThat(resideOutsideOfPackage("payledger..")
              .or(resideInAnyPackage("payledger.chain..", "payledger.serialization..")));

  /**
   * The one JSON field reader serves the API's requests and the gateways' messages, so it sits
   * below both: it knows money and nothing else of the service.
   */
  @ArchTest
  static final ArchRule theJsonFieldReaderKnowsOnlyMoney =
      classes().that().resideInAPackage("payledger.json..")
          .should().onlyDependOnClassesThat(resideOutsideOfPackage("payledger..")
              .or(resideInAnyPackage("payledger.json..", "payledger.money..")));

  /** The CBOR marker is the bottom: it depends on nothing of the service. */
  @ArchTest
  static final ArchRule theSerializationMarkerDependsOnNothing =
      noClasses().that().resideInAPackage("payledger.serialization..")
          .should().dependOnClassesThat(not(resideInAnyPackage("payledger.serialization.."))
              .and(resideInAnyPackage("payledger..")));
}
