using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    /// <summary>The whole assessment on repositories laid out in temp folders: one test per collector, the gate and the outputs.</summary>
    public class AssessMaturityTests
    {
        [Fact]
        public void Empty_repository_is_at_level_zero_with_MLG5001_and_MLG7001()
        {
            using var repo = new TestRepository();
            var engine = new RecordingBuildEngine();
            var task = repo.Task(engine, level: 2);
            Assert.True(task.Execute());
            Assert.Equal(0, task.Level);
            var json = Json(repo);
            Assert.Equal(0, json.GetProperty("parameters")[4].GetProperty("level").GetInt32());
            Assert.Contains("MLG5001", engine.Codes);
            Assert.Contains("MLG7001", engine.Codes);
            Assert.Contains("MLG5003", engine.Codes);
            Assert.Contains("MLG5004", engine.Codes);
            Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("MlopsGuard: maturity Level 0 of declared 2 — Governance 0, Data 0,", StringComparison.Ordinal));
        }

        [Fact]
        public void Json_has_the_contract_shape_with_eight_parameters_in_order()
        {
            using var repo = new TestRepository();
            Assert.True(repo.Task(new RecordingBuildEngine()).Execute());
            var json = Json(repo);
            Assert.Equal(new[] { "schema", "level", "declaredLevel", "parameters", "assessed", "projects", "notAssessed" }, json.EnumerateObject().Select(p => p.Name));
            Assert.Equal("mlopsguard/maturity/2", json.GetProperty("schema").GetString());
            Assert.Equal(1, json.GetProperty("declaredLevel").GetInt32());
            var parameters = json.GetProperty("parameters").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, 8), parameters.Select(p => p.GetProperty("id").GetInt32()));
            Assert.Equal("CI", parameters[4].GetProperty("name").GetString());
            Assert.All(parameters, p => Assert.Equal(new[] { "id", "name", "level", "evidence", "missing", "applicable" }, p.EnumerateObject().Select(x => x.Name)));
            var applicable = parameters.Where(p => p.GetProperty("applicable").GetBoolean()).ToList();
            Assert.Equal(applicable.Min(p => p.GetProperty("level").GetInt32()), json.GetProperty("level").GetInt32());
            Assert.All(parameters.Except(applicable), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("level").ValueKind));
            Assert.Equal(TestRepository.ProjectRelative, json.GetProperty("assessed").GetString());
            Assert.Equal(TestRepository.ProjectRelative, Assert.Single(json.GetProperty("projects").EnumerateArray()).GetProperty("path").GetString());
        }

        [Fact]
        public void Governance_reports_MLG1002_for_each_declared_path_without_an_owner()
        {
            using var repo = new TestRepository();
            repo.Write(".github/CODEOWNERS", "/src/Sentiment/data/ @data-team\n/src/Sentiment/data/scratch.csv\n");
            repo.Write("src/Sentiment/data/train.csv", "a,b\n");
            repo.Write("src/Sentiment/data/scratch.csv", "a,b\n");
            repo.Write("src/Sentiment/models/model.zip", "zip");
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            var engine = new RecordingBuildEngine();
            var task = repo.Task(engine, level: 2, errorLog: repo.Full(CompilerLogPath));
            task.Data = new[] { TestRepository.Item("data/train.csv"), TestRepository.Item("data/scratch.csv") };
            task.Models = new[] { TestRepository.Item("models/model.zip", ("Name", "sentiment")) };
            Assert.True(task.Execute());

            var owners = engine.Warnings.Where(w => w.Code == "MLG1002").ToList();
            Assert.Equal(new[] { "scratch.csv", "model.zip" }, owners.Select(w => Path.GetFileName(w.File)).OrderByDescending(f => f));
            var governance = Json(repo).GetProperty("parameters")[0];
            Assert.Equal(1, governance.GetProperty("level").GetInt32());
            Assert.Contains("src/Sentiment/models/model.zip", governance.GetProperty("missing")[0].GetString());
        }

        [Fact]
        public void Data_is_versioned_by_the_lock_file_or_by_dvc()
        {
            using var repo = new TestRepository();
            repo.Write("src/Sentiment/data/train.csv", "a,b\n");
            repo.Write("src/Sentiment/data/test.csv", "a,b\n");
            repo.Write("src/Sentiment/data/raw/part1.csv", "a,b\n");
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.WriteLock("data/train.csv");
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath) + ",version=2.1");
            task.Data = new[] { TestRepository.Item("data/train.csv"), TestRepository.Item("data/test.csv"), TestRepository.Item("data/raw/") };
            Assert.True(task.Execute());
            var data = Json(repo).GetProperty("parameters")[1];
            Assert.Equal(0, data.GetProperty("level").GetInt32());
            var missing = data.GetProperty("missing")[0].GetString()!;
            Assert.Contains("src/Sentiment/data/test.csv", missing);
            Assert.Contains("src/Sentiment/data/raw", missing);
            Assert.DoesNotContain("train.csv", missing);

            repo.Write("src/Sentiment/data/test.csv.dvc", "outs:\n- md5: 1\n  path: test.csv\n");
            repo.Write("dvc.lock", "schema: '2.0'\nstages:\n  prepare:\n    outs:\n    - path: src/Sentiment/data/raw\n      md5: 2\n");
            Assert.True(task.Execute());
            data = Json(repo).GetProperty("parameters")[1];
            Assert.Equal(1, data.GetProperty("level").GetInt32());
            Assert.Contains(data.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.Contains("dvc.lock, mlops.lock.json, test.csv.dvc"));
        }

        [Fact]
        public void Analyzer_findings_of_the_build_set_development_cd_and_monitoring()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.With(("MLG3201", 2, "/src/Train.cs"), ("MLG6001", 1, "/src/Serve.cs"), ("MLG6001", 1, "/src/Serve2.cs")));
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath));
            task.UsingWebSdk = true; // serving code: CD and monitoring apply
            Assert.True(task.Execute());
            var parameters = Json(repo).GetProperty("parameters");
            Assert.Equal(1, parameters[2].GetProperty("level").GetInt32());
            Assert.Contains("MLG3201", parameters[2].GetProperty("missing")[0].GetString());
            Assert.Equal(0, parameters[5].GetProperty("level").GetInt32());
            Assert.Contains("MLG6001 (2×)", parameters[5].GetProperty("missing")[0].GetString());

            // No MLG8001 finding is not evidence of telemetry: without a telemetry library, monitoring stays at 0.
            Assert.Equal(0, parameters[7].GetProperty("level").GetInt32());
            Assert.Contains("references no telemetry library", parameters[7].GetProperty("missing")[0].GetString());

            task.References = new ITaskItem[] { new TaskItem("/packs/Microsoft.Extensions.Logging.Abstractions.dll") };
            Assert.True(task.Execute());
            var monitoring = Json(repo).GetProperty("parameters")[7];
            Assert.Equal(2, monitoring.GetProperty("level").GetInt32());
            Assert.Contains(monitoring.GetProperty("evidence").EnumerateArray(), e => e.GetString() == "src/Sentiment/Sentiment.csproj serves models and references telemetry (Microsoft.Extensions.Logging)");
        }

        [Fact]
        public void Without_a_compiler_log_the_analyzer_parameters_stay_at_zero_and_say_why()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, "{ broken");
            Assert.True(repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath)).Execute());
            var development = Json(repo).GetProperty("parameters")[2];
            Assert.Equal(0, development.GetProperty("level").GetInt32());
            Assert.Contains("not valid JSON", development.GetProperty("missing")[0].GetString());
        }

        [Fact]
        public void Model_release_needs_gates_at_one_and_a_full_manifest_at_two()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("src/Sentiment/models/sentiment.zip", "zip");
            repo.WriteLock("models/sentiment.zip");
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath));
            task.Models = new[] { TestRepository.Item("models/sentiment.zip", ("Name", "sentiment")) };
            Assert.True(task.Execute());
            var model = Json(repo).GetProperty("parameters")[3];
            Assert.Equal(0, model.GetProperty("level").GetInt32());
            Assert.Contains("MlMetricGate", model.GetProperty("missing")[0].GetString());

            task.MetricGates = new[] { TestRepository.Item("Accuracy", ("Model", "sentiment"), ("Min", "0.8")) };
            Assert.True(task.Execute());
            model = Json(repo).GetProperty("parameters")[3];
            Assert.Equal(1, model.GetProperty("level").GetInt32());
            Assert.Contains("not packed yet, and its release would lack metrics (MetricsFile), parameters (ParamsFile), locked training data", model.GetProperty("missing")[0].GetString());

            var manifest = Path.Combine(repo.ReportDirectory, "sentiment", "1.0.0", "mlops.manifest.json");
            repo.Write(manifest, "{ \"schema\": \"mlopsguard/manifest/1\", \"name\": \"sentiment\", \"metrics\": { \"Accuracy\": 0.9 }, \"parameters\": {}, \"trainingData\": [] }");
            Assert.True(task.Execute());
            Assert.Contains("parameters, training data (MLG4005)", Json(repo).GetProperty("parameters")[3].GetProperty("missing")[0].GetString());

            repo.Write(manifest, "{ \"name\": \"sentiment\", \"metrics\": { \"Accuracy\": 0.9 }, \"parameters\": { \"lr\": 0.1 }, \"trainingData\": [ { \"path\": \"data/train.csv\" } ] }");
            Assert.True(task.Execute());
            Assert.Equal(2, Json(repo).GetProperty("parameters")[3].GetProperty("level").GetInt32());

            repo.Write("src/Sentiment/obj/Release/net10.0/mlops.validation.json", "{ \"models\": [ { \"name\": \"sentiment\", \"passed\": false } ] }");
            Assert.True(task.Execute());
            model = Json(repo).GetProperty("parameters")[3];
            Assert.Equal(0, model.GetProperty("level").GetInt32());
            Assert.Contains("failed validation", model.GetProperty("missing")[0].GetString());
        }

        [Fact]
        public void A_model_not_packed_yet_is_at_two_when_its_release_would_be_complete()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("src/Sentiment/models/sentiment.zip", "zip");
            repo.Write("src/Sentiment/data/train.csv", "text,label");
            repo.WriteLock("models/sentiment.zip", "data/train.csv");
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath));
            task.Data = new[] { TestRepository.Item("data/train.csv") };
            task.Models = new[] { TestRepository.Item("models/sentiment.zip", ("Name", "sentiment"), ("MetricsFile", "models/metrics.json"), ("ParamsFile", "train.params.json")) };
            task.MetricGates = new[] { TestRepository.Item("Accuracy", ("Model", "sentiment"), ("Min", "0.8")) };
            Assert.True(task.Execute());
            var model = Json(repo).GetProperty("parameters")[3];
            Assert.Equal(2, model.GetProperty("level").GetInt32());
            Assert.Contains(model.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.Contains("dotnet pack releases it", StringComparison.Ordinal));

            // A project whose dotnet pack does not release its models (IsPackable=false, MlopsPackModelOnPack unset) stays at one.
            task.PacksModels = false;
            Assert.True(task.Execute());
            model = Json(repo).GetProperty("parameters")[3];
            Assert.Equal(1, model.GetProperty("level").GetInt32());
            Assert.Contains("MlopsPackModelOnPack", model.GetProperty("missing")[0].GetString());
        }

        [Fact]
        public void Ci_is_credited_step_by_step()
        {
            using var repo = new TestRepository();
            repo.Write(".github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n      - run: dotnet build\n");
            var engine = new RecordingBuildEngine();
            var task = repo.Task(engine, level: 2);
            Assert.True(task.Execute());
            var ci = Json(repo).GetProperty("parameters")[4];
            Assert.Equal(1, ci.GetProperty("level").GetInt32());
            Assert.Equal(2, engine.Warnings.Count(w => w.Code == "MLG5002"));
            Assert.DoesNotContain("MLG5001", engine.Codes);

            repo.Write(".github/workflows/ci.yml", TestRepository.FullWorkflow);
            repo.Write("src/Sentiment/packages.lock.json", "{ \"version\": 1, \"dependencies\": {} }");
            engine = new RecordingBuildEngine();
            task = repo.Task(engine, level: 2);
            Assert.True(task.Execute());
            ci = Json(repo).GetProperty("parameters")[4];
            Assert.Equal(2, ci.GetProperty("level").GetInt32());
            Assert.DoesNotContain(engine.Codes, c => c.StartsWith("MLG500", StringComparison.Ordinal) && c != "MLG5004");
            Assert.Contains(ci.GetProperty("evidence").EnumerateArray(), e => e.GetString() == ".github/workflows/ci.yml (GitHub Actions) builds, tests (dotnet test), packs, in CI mode, restores in locked mode, pushes packages");
        }

        [Fact]
        public void Ci_mode_and_locked_restore_may_come_from_the_build_files()
        {
            using var repo = new TestRepository();
            repo.Write(".gitlab-ci.yml", "test:\n  script:\n    - dotnet test\n    - dotnet pack\n");
            repo.Write("Directory.Build.props", "<Project><PropertyGroup><ContinuousIntegrationBuild Condition=\"'$(CI)' == 'true'\">true</ContinuousIntegrationBuild><RestoreLockedMode Condition=\"'$(CI)' == 'true'\">true</RestoreLockedMode></PropertyGroup></Project>");
            var task = repo.Task(new RecordingBuildEngine());
            task.RestorePackagesWithLockFile = true;
            Assert.True(task.Execute());
            var ci = Json(repo).GetProperty("parameters")[4];
            Assert.Equal(2, ci.GetProperty("level").GetInt32());
            Assert.Contains(ci.GetProperty("evidence").EnumerateArray(), e => e.GetString() == "Directory.Build.props turns on CI mode");
        }

        [Fact]
        public void Cd_level_two_needs_a_pipeline_that_delivers()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("azure-pipelines.yml", "steps:\n- script: dotnet pack -c Release\n- task: PublishBuildArtifacts@1\n");
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath));
            task.FrameworkReferences = new ITaskItem[] { new TaskItem("Microsoft.AspNetCore.App") };
            Assert.True(task.Execute());
            var cd = Json(repo).GetProperty("parameters")[5];
            Assert.Equal(2, cd.GetProperty("level").GetInt32());
            Assert.Contains(cd.GetProperty("evidence").EnumerateArray(), e => e.GetString() == "azure-pipelines.yml packs and publishes the package as an artifact");
        }

        [Fact]
        public void Testing_credits_test_projects_that_reference_the_ml_project()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("tests/Unrelated.Tests/Unrelated.Tests.csproj", "<Project><ItemGroup><PackageReference Include=\"NUnit\" /></ItemGroup></Project>");
            var engine = new RecordingBuildEngine();
            Assert.True(repo.Task(engine, errorLog: repo.Full(CompilerLogPath)).Execute());
            Assert.Equal(0, Json(repo).GetProperty("parameters")[6].GetProperty("level").GetInt32());
            var warning = Assert.Single(engine.Warnings, w => w.Code == "MLG7001");
            Assert.Equal(repo.ProjectFile, warning.File);

            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            engine = new RecordingBuildEngine();
            Assert.True(repo.Task(engine, errorLog: repo.Full(CompilerLogPath)).Execute());
            var testing = Json(repo).GetProperty("parameters")[6];
            Assert.Equal(1, testing.GetProperty("level").GetInt32());
            Assert.DoesNotContain("MLG7001", engine.Codes);

            repo.Write("tests/Sentiment.Tests/QualityTests.cs", "class Q { void T() { Assert.InRange(metrics.AreaUnderRocCurve, 0.8, 1.0); } }");
            Assert.True(repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath)).Execute());
            Assert.Equal(2, Json(repo).GetProperty("parameters")[6].GetProperty("level").GetInt32());
        }

        [Fact]
        public void Projects_without_ml_libraries_are_not_asked_for_tests()
        {
            using var repo = new TestRepository();
            var engine = new RecordingBuildEngine();
            var task = repo.Task(engine);
            task.PackageReferences = Array.Empty<ITaskItem>();
            Assert.True(task.Execute());
            Assert.DoesNotContain("MLG7001", engine.Codes);
            var testing = Json(repo).GetProperty("parameters")[6];
            Assert.False(testing.GetProperty("applicable").GetBoolean());
            Assert.Equal(JsonValueKind.Null, testing.GetProperty("level").ValueKind);
            Assert.StartsWith("not applicable: no assessed project is an ML project", testing.GetProperty("evidence")[0].GetString());

            var onBuild = repo.Task(new RecordingBuildEngine());
            onBuild.PackageReferences = Array.Empty<ITaskItem>();
            onBuild.OnlyMlProjects = true;
            File.Delete(Path.Combine(repo.ReportDirectory, "maturity.json"));
            Assert.True(onBuild.Execute());
            Assert.False(File.Exists(Path.Combine(repo.ReportDirectory, "maturity.json")));
        }

        [Fact]
        public void Gate_is_an_error_naming_the_parameters_when_enforced_and_a_warning_otherwise()
        {
            using var repo = new TestRepository();
            var enforced = new RecordingBuildEngine();
            Assert.False(repo.Task(enforced, level: 1, enforce: true).Execute());
            var gate = Assert.Single(enforced.Errors, e => e.Code == "MLG5004");
            Assert.Contains("below the declared MlopsLevel 1", gate.Message);
            Assert.Contains("CI at 0", gate.Message);
            Assert.Contains("App integration and testing at 0", gate.Message);
            Assert.EndsWith("/docs/rules/MLG5004.md", gate.HelpLink);

            // One short line: the parameters and where the details are, not what each one misses.
            Assert.DoesNotContain("\n", gate.Message);
            Assert.EndsWith("src/Sentiment/bin/mlops/maturity.md.", gate.Message);
            Assert.DoesNotContain("add a CI pipeline", gate.Message);
            Assert.True(gate.Message!.Length < 300, gate.Message);

            var relaxed = new RecordingBuildEngine();
            Assert.True(repo.Task(relaxed, level: 1).Execute());
            Assert.Single(relaxed.Warnings, w => w.Code == "MLG5004");

            var levelZero = new RecordingBuildEngine();
            Assert.True(repo.Task(levelZero, level: 0, enforce: true).Execute());
            Assert.Empty(levelZero.Codes);
        }

        [Fact]
        public void NoWarn_silences_the_reports_diagnostics_even_when_enforced_without_changing_the_levels()
        {
            using var repo = new TestRepository();
            var engine = new RecordingBuildEngine();
            var task = repo.Task(engine, level: 1, enforce: true);
            task.NoWarn = "CS1591; MLG7001,MLG5004";
            Assert.True(task.Execute());
            Assert.Empty(engine.Codes);
            Assert.Equal(0, Json(repo).GetProperty("parameters")[6].GetProperty("level").GetInt32());
            Assert.DoesNotContain("MLG7001", repo.ReadReport("maturity.sarif").Split(new[] { "\"results\"" }, StringSplitOptions.None)[1]);
        }

        [Fact]
        public void Sarif_lists_the_rules_with_help_uris_and_the_results_with_relative_locations()
        {
            using var repo = new TestRepository();
            Assert.True(repo.Task(new RecordingBuildEngine(), level: 2).Execute());
            using var sarif = JsonDocument.Parse(repo.ReadReport("maturity.sarif"));
            var root = sarif.RootElement;
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            var run = root.GetProperty("runs")[0];
            var driver = run.GetProperty("tool").GetProperty("driver");
            Assert.Equal("MlopsGuard", driver.GetProperty("name").GetString());
            var rules = driver.GetProperty("rules").EnumerateArray().ToList();
            Assert.Equal(new[] { "MLG1002", "MLG5001", "MLG5002", "MLG5003", "MLG5004", "MLG7001" }, rules.Select(r => r.GetProperty("id").GetString()));
            Assert.All(rules, r => Assert.EndsWith($"/docs/rules/{r.GetProperty("id").GetString()}.md", r.GetProperty("helpUri").GetString()));
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "MLG5001");
            Assert.All(results, r =>
            {
                var rule = r.GetProperty("ruleId").GetString();
                Assert.Equal(rule, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
                var uri = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                Assert.False(Path.IsPathRooted(uri), uri);
            });
            Assert.Equal("warning", results.First(r => r.GetProperty("ruleId").GetString() == "MLG5004").GetProperty("level").GetString());
        }

        [Fact]
        public void Reports_are_deterministic_and_left_untouched_when_nothing_changed()
        {
            using var repo = new TestRepository();
            repo.Write(".github/workflows/ci.yml", TestRepository.FullWorkflow);
            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject);
            Assert.True(repo.Task(new RecordingBuildEngine(), level: 2).Execute());
            var names = new[] { "maturity.md", "maturity.json", "maturity.sarif" };
            var first = names.Select(repo.ReadReport).ToList();
            var stamps = names.Select(n => File.GetLastWriteTimeUtc(Path.Combine(repo.ReportDirectory, n))).ToList();
            System.Threading.Thread.Sleep(50);

            Assert.True(repo.Task(new RecordingBuildEngine(), level: 2).Execute());
            Assert.Equal(first, names.Select(repo.ReadReport));
            Assert.Equal(stamps, names.Select(n => File.GetLastWriteTimeUtc(Path.Combine(repo.ReportDirectory, n))));
            Assert.DoesNotContain(repo.Root, string.Concat(first));
            Assert.DoesNotContain("\r", string.Concat(first));
            Assert.Empty(Directory.GetFiles(repo.ReportDirectory, "*.tmp"));
        }

        [Fact]
        public void Markdown_has_one_row_per_parameter_with_evidence_and_what_is_missing()
        {
            using var repo = new TestRepository();
            repo.Write(".github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n      - run: dotnet build | tee log\n");
            Assert.True(repo.Task(new RecordingBuildEngine()).Execute());
            var rows = repo.ReadReport("maturity.md").Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
            Assert.Equal(9, rows.Count);
            Assert.StartsWith("| # | Parameter | Level | Evidence | Missing for the next level |", rows[0]);
            Assert.StartsWith("| 5 | CI | 1 | .github/workflows/ci.yml (GitHub Actions) builds", rows[5]);
            Assert.Contains("run dotnet test in a CI pipeline (MLG5002)", rows[5]);
        }

        [Fact]
        public void Repository_root_is_the_folder_holding_git_even_as_a_file_or_the_given_property()
        {
            using var repo = new TestRepository(git: false);
            repo.Write(".git", "gitdir: /elsewhere/worktrees/x\n");
            repo.Write(".github/workflows/ci.yml", "jobs:\n  b:\n    steps:\n      - run: dotnet build\n");
            Assert.True(repo.Task(new RecordingBuildEngine()).Execute());
            Assert.Equal(1, Json(repo).GetProperty("parameters")[4].GetProperty("level").GetInt32());

            var task = repo.Task(new RecordingBuildEngine());
            task.RepositoryRoot = "."; // the project folder: no workflow there
            Assert.True(task.Execute());
            Assert.Equal(0, Json(repo).GetProperty("parameters")[4].GetProperty("level").GetInt32());
        }

        [Fact]
        public void Parameters_with_nothing_to_assess_are_not_applicable_and_do_not_count_toward_the_level()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            var engine = new RecordingBuildEngine();
            Assert.True(repo.Task(engine, level: 2, errorLog: repo.Full(CompilerLogPath)).Execute());
            var json = Json(repo);
            var cd = json.GetProperty("parameters")[5];
            var monitoring = json.GetProperty("parameters")[7];
            Assert.False(cd.GetProperty("applicable").GetBoolean());
            Assert.Equal(JsonValueKind.Null, cd.GetProperty("level").ValueKind);
            Assert.Equal(CdCollector.NothingToDeliver, cd.GetProperty("evidence")[0].GetString());
            Assert.False(monitoring.GetProperty("applicable").GetBoolean());
            Assert.Equal(MonitoringCollector.NothingServed, monitoring.GetProperty("evidence")[0].GetString());
            Assert.Empty(monitoring.GetProperty("missing").EnumerateArray());
            Assert.True(json.GetProperty("parameters")[0].GetProperty("applicable").GetBoolean());

            var summary = Summary(engine);
            Assert.Contains("CD not applicable, Testing 0, Monitoring not applicable (1 project of src/Sentiment/Sentiment.csproj; report: ", summary);
            var rows = repo.ReadReport("maturity.md").Split('\n');
            Assert.Contains(rows, r => r.StartsWith("| 8 | Monitoring | not applicable | not applicable: no assessed project serves a model", StringComparison.Ordinal));
            var gate = Assert.Single(engine.Warnings, w => w.Code == "MLG5004");
            Assert.DoesNotContain("Monitoring", gate.Message);
            Assert.DoesNotContain("CD at", gate.Message);
        }

        [Fact]
        public void One_verdict_for_the_repository_from_the_evidence_of_all_its_projects()
        {
            using var repo = new TestRepository();
            repo.Write(".github/CODEOWNERS", "* @ml-team\n");
            repo.Write(".github/workflows/ci.yml", TestRepository.FullWorkflow);
            repo.Write("src/Sentiment/data/train.csv", "a,b\n");
            repo.Write("src/Sentiment/models/sentiment.zip", "zip");
            repo.WriteLock("data/train.csv", "models/sentiment.zip");
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("src/Api/obj/MlopsGuard.sarif", CompilerLogs.Empty);
            repo.Write("src/Model/obj/MlopsGuard.sarif", CompilerLogs.Empty);
            repo.Write("src/Api/Api.csproj", TestRepository.MlProject);
            repo.Write("src/Model/Model.csproj", TestRepository.MlProject);
            repo.Write("tests/Sentiment.Tests/Sentiment.Tests.csproj", TestRepository.TestProject.Replace("</ItemGroup>", "<ProjectReference Include=\"..\\..\\src\\Api\\Api.csproj\" /></ItemGroup>"));
            repo.Write("tests/Sentiment.Tests/QualityTests.cs", "class Q { void T() { Assert.True(metrics.Accuracy > 0.8); } }");

            // The pipeline project (this one) declares the data and the model; the API serves it; the model project declares nothing.
            AssessMaturity NewTask(RecordingBuildEngine engine)
            {
                var task = repo.Task(engine, level: 2, enforce: true, errorLog: repo.Full(CompilerLogPath));
                task.RestorePackagesWithLockFile = true;
                task.Data = new[] { TestRepository.Item("data/train.csv") };
                task.Models = new[] { TestRepository.Item("models/sentiment.zip", ("Name", "sentiment"), ("MetricsFile", "models/metrics.json"), ("ParamsFile", "train.params.json")) };
                task.MetricGates = new[] { TestRepository.Item("Accuracy", ("Model", "sentiment"), ("Min", "0.8")) };
                task.Subject = repo.Write("Sentiment.sln", "");
                task.Projects = new[]
                {
                    Evidence(repo.Full("src/Api/Api.csproj"), ("ErrorLog", "obj/MlopsGuard.sarif,version=2.1"), ("UsingWebSdk", "true"), ("PackageReferences", "Microsoft.ML"), ("References", "/ref/Microsoft.Extensions.Logging.Abstractions.dll;/ref/Microsoft.ML.Core.dll"), ("RestorePackagesWithLockFile", "true")),
                    Evidence(repo.Full("src/Model/Model.csproj"), ("ErrorLog", "obj/MlopsGuard.sarif"), ("PackageReferences", "Microsoft.ML"), ("RestorePackagesWithLockFile", "true")),
                };
                return task;
            }

            var engine = new RecordingBuildEngine();
            var task = NewTask(engine);
            Assert.False(task.Execute());

            // Not one verdict per project: the API and model projects declare no data, and that is not the repository's level.
            var json = Json(repo);
            Assert.Equal(new[] { "src/Api/Api.csproj", "src/Model/Model.csproj", "src/Sentiment/Sentiment.csproj" }, json.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
            Assert.Equal("Sentiment.sln", json.GetProperty("assessed").GetString());
            var levels = json.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("level").GetInt32()).ToList();
            Assert.Equal(new[] { 2, 2, 2, 2, 2, 2, 0, 2 }, levels);
            Assert.Contains("serves models (ASP.NET Core, Microsoft.NET.Sdk.Web)", json.GetProperty("projects")[0].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));

            // Testing: every ML project needs a test project; Model has none. One MLG7001 for it, one gate for the repository.
            var testing = json.GetProperty("parameters")[6];
            Assert.Contains("src/Model/Model.csproj", testing.GetProperty("missing")[0].GetString());
            var untested = Assert.Single(engine.Errors, e => e.Code == "MLG7001");
            Assert.Equal(repo.Full("src/Model/Model.csproj"), untested.File);
            var gate = Assert.Single(engine.Errors, e => e.Code == "MLG5004");
            Assert.Equal(task.Subject, gate.File);
            Assert.Equal("The repository is at MLOps Level 0, below the declared MlopsLevel 2: App integration and testing at 0. What each one is missing: src/Sentiment/bin/mlops/maturity.md.", gate.Message);
            Assert.DoesNotContain(engine.Codes, c => c == "MLG5003");

            repo.Write("tests/Model.Tests/Model.Tests.csproj", TestRepository.TestProject.Replace("Sentiment\\Sentiment.csproj", "Model\\Model.csproj"));
            engine = new RecordingBuildEngine();
            Assert.True(NewTask(engine).Execute(), string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
            Assert.Equal(2, Json(repo).GetProperty("level").GetInt32());
            Assert.Empty(engine.Codes);
        }

        [Fact]
        public void A_build_of_part_of_the_repository_reports_what_it_saw_and_does_not_gate_the_repository()
        {
            using var repo = new TestRepository();
            repo.Write("src/Training/Training.csproj", TestRepository.MlProject);
            var engine = new RecordingBuildEngine();
            Assert.True(repo.Task(engine, level: 2).Execute());
            Assert.DoesNotContain("MLG5004", engine.Codes);
            Assert.Contains("MLG7001", engine.Codes);
            var json = Json(repo);
            Assert.Equal(0, json.GetProperty("level").GetInt32());
            Assert.Equal("src/Training/Training.csproj", Assert.Single(json.GetProperty("notAssessed").EnumerateArray()).GetString());
            var summary = Summary(engine);
            Assert.Contains("(1 project of src/Sentiment/Sentiment.csproj; not assessed: 1 other ML project(s) of the repository, so no level gate; report: ", summary);
            Assert.Contains("Not assessed (ML projects of the repository outside this build", repo.ReadReport("maturity.md"));
        }

        [Fact]
        public void Monitoring_needs_telemetry_at_the_inference_sites_of_every_serving_project()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("src/Api/obj/MlopsGuard.sarif", CompilerLogs.With(("MLG8001", 1, "/src/Api/Scorer.cs")));
            repo.Write("src/Torch/obj/MlopsGuard.sarif", CompilerLogs.Empty);
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath));
            task.Projects = new[]
            {
                Evidence(repo.Full("src/Api/Api.csproj"), ("ErrorLog", "obj/MlopsGuard.sarif"), ("FrameworkReferences", "Microsoft.AspNetCore.App"), ("PackageReferences", "Microsoft.ML.OnnxRuntime;OpenTelemetry.Extensions.Hosting")),
                Evidence(repo.Full("src/Torch/Torch.csproj"), ("ErrorLog", "obj/MlopsGuard.sarif"), ("PackageReferences", "TorchSharp-cpu;Microsoft.Azure.Functions.Worker;Microsoft.Extensions.Logging.Abstractions")),
                Evidence(repo.Full("tests/Api.Tests/Api.Tests.csproj"), ("IsTestProject", "true"), ("FrameworkReferences", "Microsoft.AspNetCore.App"), ("PackageReferences", "Microsoft.ML")),
            };
            Assert.True(task.Execute());
            var monitoring = Json(repo).GetProperty("parameters")[7];
            Assert.True(monitoring.GetProperty("applicable").GetBoolean());
            Assert.Equal(0, monitoring.GetProperty("level").GetInt32());
            var missing = monitoring.GetProperty("missing").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.DoesNotContain(missing, m => m.Contains("src/Torch/Torch.csproj", StringComparison.Ordinal));
            Assert.Contains("fix the findings of Level 1 rules: MLG8001", missing);
            var evidence = monitoring.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains("src/Api/Api.csproj serves models and references telemetry (OpenTelemetry)", evidence);
            Assert.Contains(evidence, e => e.StartsWith("src/Torch/Torch.csproj serves models and references telemetry", StringComparison.Ordinal));
            Assert.DoesNotContain(evidence, e => e.Contains("Api.Tests", StringComparison.Ordinal));

            // MlopsServesModels=false: a project that hosts a web app around training (a dashboard) is not serving code.
            task.Projects = task.Projects.Take(1).Select(i => { i.SetMetadata("ServesModels", "false"); return i; }).ToArray();
            Assert.True(task.Execute());
            Assert.False(Json(repo).GetProperty("parameters")[7].GetProperty("applicable").GetBoolean());
        }

        [Fact]
        public void Cd_applies_with_serving_code_or_a_deployment_artifact()
        {
            using var repo = new TestRepository();
            repo.Write(CompilerLogPath, CompilerLogs.Empty);
            repo.Write("azure-pipelines.yml", "steps:\n- script: dotnet nuget push out/*.nupkg\n");
            var task = repo.Task(new RecordingBuildEngine(), errorLog: repo.Full(CompilerLogPath));
            Assert.True(task.Execute());
            Assert.False(Json(repo).GetProperty("parameters")[5].GetProperty("applicable").GetBoolean());

            repo.Write("src/Sentiment/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\n");
            Assert.True(task.Execute());
            var cd = Json(repo).GetProperty("parameters")[5];
            Assert.Equal(2, cd.GetProperty("level").GetInt32());
            Assert.Contains("to deliver: src/Sentiment/Dockerfile builds an image", cd.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
            File.Delete(repo.Full("src/Sentiment/Dockerfile"));

            repo.Write("src/Sentiment/models/sentiment.zip", "zip");
            task.Models = new[] { TestRepository.Item("models/sentiment.zip", ("Name", "sentiment")) };
            Assert.True(task.Execute());
            Assert.Contains("to deliver: src/Sentiment/Sentiment.csproj releases model packages on dotnet pack", Json(repo).GetProperty("parameters")[5].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
            task.PacksModels = false;
            Assert.True(task.Execute());
            Assert.False(Json(repo).GetProperty("parameters")[5].GetProperty("applicable").GetBoolean());
        }

        [Fact]
        public void The_summary_and_the_report_path_are_high_importance_and_the_path_line_only_on_an_explicit_report()
        {
            using var repo = new TestRepository();
            var engine = new RecordingBuildEngine();
            var task = repo.Task(engine, level: 2);
            Assert.True(task.Execute());

            // Two lines a user sees at the default verbosity: the verdict, and the SDK's "Project -> output" line, which
            // the terminal logger shows on the project's result line (it shows no message at its default verbosity).
            var high = engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message!).ToList();
            Assert.Equal(2, high.Count);
            Assert.StartsWith("MlopsGuard: maturity Level 0 of declared 2 — ", high[0], StringComparison.Ordinal);
            var report = Path.Combine(repo.ReportDirectory, "maturity.md");
            Assert.Equal($"Sentiment -> {report} (Level 0 of declared 2)", high[1]);

            // At the end of a CI build the assembly stays the project's output: only the verdict.
            var onBuild = new RecordingBuildEngine();
            var ci = repo.Task(onBuild, level: 2);
            ci.OnlyMlProjects = true;
            Assert.True(ci.Execute());
            Assert.StartsWith("MlopsGuard: maturity Level 0 of declared 2 — ", Assert.Single(onBuild.Messages, m => m.Importance == MessageImportance.High).Message!, StringComparison.Ordinal);
        }

        private static string Summary(RecordingBuildEngine engine) =>
            Assert.Single(engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("MlopsGuard: maturity ", StringComparison.Ordinal)).Message!;

        /// <summary>The evidence item of another project, as the MlopsMaturityEvidence target returns it.</summary>
        private static ITaskItem Evidence(string projectFile, params (string Name, string Value)[] metadata) =>
            TestRepository.Item(projectFile, metadata.Append(("MlopsRole", "project")).Append(("MlopsProject", projectFile)).ToArray());

        private const string CompilerLogPath = "src/Sentiment/obj/Release/net10.0/MlopsGuard.sarif";

        private static JsonElement Json(TestRepository repo) => JsonDocument.Parse(repo.ReadReport("maturity.json")).RootElement;
    }
}
