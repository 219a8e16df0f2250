using System.IO;
using MlopsGuard.Tasks.Lock.Paths;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class RepositoryRootTests
    {
        [Fact]
        public void The_default_is_the_nearest_folder_holding_dot_git()
        {
            using var repo = new TempRepository();
            Assert.Equal(repo.Root, RepositoryRoot.Resolve(null, repo.Project));
            Assert.Equal(repo.Root, RepositoryRoot.Resolve("  ", repo.Project));
        }

        [Fact]
        public void A_dot_git_file_marks_a_worktree_or_submodule_root()
        {
            using var repo = new TempRepository();
            var worktree = Path.Combine(repo.Root, "src");
            File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: /elsewhere");
            Assert.Equal(worktree, RepositoryRoot.Resolve(null, repo.Project));
        }

        [Fact]
        public void A_configured_root_wins_and_may_be_relative_to_the_project()
        {
            using var repo = new TempRepository();
            Assert.Equal(Path.Combine(repo.Root, "src"), RepositoryRoot.Resolve("..", repo.Project));
        }
    }
}
