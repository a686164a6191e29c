package dnt.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of docs/ARCHITECTURE.md, checked once on the main classes of every module
 * (dnt-cli's test classpath holds them all; benchmarks has its own cycle test): the module layering
 * (arrows point down only: cli -> experiments -> learn, caching, data -> core), domain modules that
 * know nothing of the command line, web servers, Pekko or plotting, the layers inside dnt-learn,
 * {@code dnt.core.util} at the bottom of dnt-core, and no package cycle anywhere.
 */
final class LayeringTest {
  /** The domain modules, which must stay free of every front end. */
  private static final String[] DOMAIN = {
    "dnt.core..", "dnt.data..", "dnt.torch..", "dnt.learn..", "dnt.caching.."
  };

  /**
   * Packages a domain module must not use: the command line, web servers, the Pekko actor system
   * and plotting (they belong to dnt-experiments and dnt-cli).
   */
  private static final String[] FRONT_END = {
    "dnt.experiments..",
    "dnt.cli..",
    "picocli..",
    "io.javalin..",
    "com.sun.net.httpserver..",
    "jakarta.servlet..",
    "javax.servlet..",
    "org.eclipse.jetty..",
    "org.apache.pekko..",
    "akka..",
    "org.jfree..",
    "java.awt..",
    "javax.swing..",
    "javax.imageio..",
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt");
  }

  @Test
  void coreDependsOnNoOtherModuleAndNoFrontEndOrMlLibrary() {
    noClasses()
        .that()
        .resideInAPackage("dnt.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.data..",
            "dnt.torch..",
            "dnt.learn..",
            "dnt.caching..",
            "dnt.experiments..",
            "dnt.cli..",
            "picocli..",
            "ai.djl..",
            "org.duckdb..",
            "java.sql..",
            "org.jfree..",
            "java.awt..",
            "javax.swing..",
            "io.javalin..")
        .check(classes);
  }

  @Test
  void dataDependsOnlyOnCore() {
    noClasses()
        .that()
        .resideInAPackage("dnt.data..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.torch..",
            "dnt.learn..",
            "dnt.caching..",
            "dnt.experiments..",
            "dnt.cli..",
            "picocli..",
            "ai.djl..",
            "org.jfree..",
            "java.awt..")
        .check(classes);
  }

  @Test
  void torchSessionsDependOnNoOtherModule() {
    // dnt-torch sits under dnt-learn and dnt-caching, beside dnt-core, and uses none of ours
    noClasses()
        .that()
        .resideInAPackage("dnt.torch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.core..",
            "dnt.data..",
            "dnt.learn..",
            "dnt.caching..",
            "dnt.experiments..",
            "dnt.live..",
            "dnt.serve..",
            "dnt.cli..")
        .check(classes);
  }

  @Test
  void learningAndCachingDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage("dnt.learn..", "dnt.caching..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.experiments..", "dnt.cli..", "picocli..", "org.jfree..", "java.awt..")
        .check(classes);
  }

  @Test
  void learningAndCachingAreIndependent() {
    noClasses()
        .that()
        .resideInAPackage("dnt.learn..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.caching..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dnt.caching..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.learn..")
        .check(classes);
  }

  @Test
  void studiesPlotOnlyThroughTheChartsFacade() {
    // every PNG gets the same legend, marker, axis and label rules: a study may hold the charts
    // Charts returns, but builds, styles or draws nothing of JFreeChart or AWT itself
    noClasses()
        .that()
        .resideInAPackage("dnt.experiments..")
        .and()
        .resideOutsideOfPackage("dnt.experiments.plot..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "JFreeChart or AWT classes other than the JFreeChart type",
                (JavaClass c) ->
                    (c.getPackageName().startsWith("org.jfree")
                            && !c.getName().equals("org.jfree.chart.JFreeChart"))
                        || c.getPackageName().startsWith("java.awt")))
        .check(classes);
  }

  @Test
  void experimentsDoNotKnowTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dnt.experiments..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.cli..", "picocli..")
        .check(classes);
  }

  @Test
  void studiesUseTheDomainIntegrityCheckNotTheLiveRuntime() {
    // the integrity study runs the live twin's detector from dnt.data.integrity, which dnt-live
    // calls too; no study reaches into the Pekko runtime or the HTTP face for it
    noClasses()
        .that()
        .resideInAPackage("dnt.experiments..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.live..", "dnt.serve..")
        .check(classes);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    // every package is a slice: a cycle between any two packages of any module fails
    slices().matching("dnt.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void domainModulesUseNoCommandLineWebActorOrPlottingPackage() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRONT_END)
        .check(classes);
  }

  @Test
  void theHttpFaceAndTheCommandLineUseNoActors() {
    // they reach the live twin through its plain-Java interface (dnt.live.LiveTwin) only
    noClasses()
        .that()
        .resideInAnyPackage("dnt.serve..", "dnt.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko..", "akka..")
        .check(classes);
  }

  @Test
  void coreUtilDependsOnNothingElseInCore() {
    noClasses()
        .that()
        .resideInAPackage("dnt.core.util..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dnt.core..").and(not(resideInAPackage("dnt.core.util.."))))
        .check(classes);
  }

  @Test
  void theDeploymentEnvironmentDoesNotKnowItsAgent() {
    // dnt.learn.deploy (environment, baselines) sits below dnt.learn.deploy.agent (GCN, PPO);
    // no other learning package uses either
    noClasses()
        .that()
        .resideInAPackage("dnt.learn.deploy")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.learn.deploy.agent..")
        .check(classes);
    // dnt.learn.change (GNN change detection) reuses the agent's GCN layer, never the reverse
    noClasses()
        .that()
        .resideInAPackage("dnt.learn.deploy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.learn.change..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(
            "dnt.learn.forecast..",
            "dnt.learn.fl..",
            "dnt.learn.robust..",
            "dnt.learn.attack..",
            "dnt.learn.privacy..",
            "dnt.learn.codec..",
            "dnt.learn.online..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.learn.deploy..", "dnt.learn.change..")
        .check(classes);
  }

  @Test
  void forecastingIsTheBottomLayerOfLearning() {
    noClasses()
        .that()
        .resideInAPackage("dnt.learn.forecast..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dnt.learn.fl..", "dnt.learn.robust..", "dnt.learn.attack..", "dnt.learn.privacy..")
        .check(classes);
  }

  @Test
  void onlineTwinningSitsAboveForecastingAndFederatedLearning() {
    // dnt.learn.online drives forecasters and federations for the live twin; neither knows it
    noClasses()
        .that()
        .resideInAnyPackage("dnt.learn.forecast..", "dnt.learn.fl..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dnt.learn.online..")
        .check(classes);
  }

  @Test
  void theDomainDoesNotKnowTheLiveTwinOrItsServer() {
    // the live twin (dnt-live) and dnt serve drive the domain, never the other way round
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.live..", "dnt.serve..")
        .check(classes);
  }

  @Test
  void federatedLearningSitsBelowRobustnessAttacksAndPrivacy() {
    noClasses()
        .that()
        .resideInAPackage("dnt.learn.fl..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dnt.learn.robust..", "dnt.learn.attack..", "dnt.learn.privacy..")
        .check(classes);
  }
}
