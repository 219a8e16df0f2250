using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>
    /// The order stages run in: a stage whose deps (or parameters files) take in another stage's outs runs after it.
    /// Two stages writing one path, or a cycle, make no order: the problems say which stages and paths.
    /// </summary>
    internal static class StageGraph
    {
        /// <summary>The stages in a valid run order (declaration order among independent stages), or null with problems.</summary>
        public static List<StageDefinition>? Order(IReadOnlyList<StageDefinition> stages, List<string> problems)
        {
            var count = problems.Count;
            CheckSharedOuts(stages, problems);

            // upstream[i]: the stages whose outs stage i takes in.
            var upstream = new List<SortedSet<int>>();
            for (var i = 0; i < stages.Count; i++)
            {
                var before = new SortedSet<int>();
                for (var j = 0; j < stages.Count; j++)
                {
                    if (stages[i].Inputs.Any(input => stages[j].Outs.Any(output => StagePaths.Feeds(input, output))))
                    {
                        before.Add(j);
                    }
                }

                upstream.Add(before);
            }

            for (var i = 0; i < stages.Count; i++)
            {
                if (upstream[i].Contains(i))
                {
                    var path = stages[i].Inputs.First(input => stages[i].Outs.Any(output => StagePaths.Feeds(input, output)));
                    problems.Add($"stage '{stages[i].Name}' depends on its own out ('{path}'): a stage cannot read what it writes; split it in two stages or drop the dep.");
                }
            }

            if (problems.Count != count)
            {
                return null;
            }

            // Kahn's algorithm, always taking the first ready stage in declaration order: the same project, the same order.
            var order = new List<StageDefinition>();
            var done = new bool[stages.Count];
            while (order.Count < stages.Count)
            {
                var next = Enumerable.Range(0, stages.Count).FirstOrDefault(i => !done[i] && upstream[i].All(j => done[j]), -1);
                if (next < 0)
                {
                    problems.Add($"the stages form a cycle: {DescribeCycle(stages, upstream, done)}. Each stage's deps take in the outs of the next; break the cycle.");
                    return null;
                }

                done[next] = true;
                order.Add(stages[next]);
            }

            return order;
        }

        private static void CheckSharedOuts(IReadOnlyList<StageDefinition> stages, List<string> problems)
        {
            for (var i = 0; i < stages.Count; i++)
            {
                for (var j = i + 1; j < stages.Count; j++)
                {
                    foreach (var a in stages[i].Outs)
                    {
                        foreach (var b in stages[j].Outs)
                        {
                            if (string.Equals(a, b, Lock.Paths.PathContainment.Comparison) || StagePaths.IsBelow(a, b) || StagePaths.IsBelow(b, a))
                            {
                                var what = a == b ? $"'{a}'" : $"'{a}' and '{b}'";
                                problems.Add($"stages '{stages[i].Name}' and '{stages[j].Name}' both write {what}: every out belongs to one stage, or the build could not tell which result is current.");
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Walks upstream from a stage that is left until a stage repeats: 'a' -> 'b' -> 'a' (in run direction).</summary>
        private static string DescribeCycle(IReadOnlyList<StageDefinition> stages, List<SortedSet<int>> upstream, bool[] done)
        {
            var start = Enumerable.Range(0, stages.Count).First(i => !done[i]);
            var path = new List<int> { start };
            var current = start;
            while (true)
            {
                current = upstream[current].First(j => !done[j]);
                var seen = path.IndexOf(current);
                if (seen >= 0)
                {
                    var cycle = path.Skip(seen).Concat(new[] { current }).Reverse();
                    return string.Join(" -> ", cycle.Select(i => $"'{stages[i].Name}'"));
                }

                path.Add(current);
            }
        }
    }
}
