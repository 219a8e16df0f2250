#!/usr/bin/env bash
# Quick start: build the MlopsGuard package from this checkout, then build and run a real Level 0 ML.NET
# experiment that uses it, so you can see its diagnostics.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== Building the MlopsGuard package (artifacts/packages/Release)"
dotnet build src/Sdk/MlopsGuard.Sdk.csproj -c Release -nologo -v:q -clp:NoSummary

# The samples keep their own package cache: drop MlopsGuard from it so the package just built is used, and the
# samples' NuGet lock files, which record the hash of the previous pack.
rm -rf samples/.packages/mlopsguard
find samples -name packages.lock.json -delete

echo "== Building samples/level0-experiment with MlopsGuard (MlopsLevel 1, the default)"
dotnet build samples/level0-experiment -nologo --no-incremental -clp:NoSummary

echo "== Running the experiment (Level 0 code: it reads data relative to the working directory)"
cd samples/level0-experiment
dotnet run --no-build
