namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// One line of the criteria table of docs/maturity.md: a check that a parameter needs from <see cref="Level"/> on.
    /// <see cref="Evidence"/> says what was found when it holds, <see cref="Missing"/> what to do when it does not.
    /// </summary>
    internal sealed class Criterion
    {
        public Criterion(int level, bool met, string evidence, string missing)
        {
            Level = level;
            Met = met;
            Evidence = evidence;
            Missing = missing;
        }

        /// <summary>1 or 2: the level that needs this criterion.</summary>
        public int Level { get; }

        public bool Met { get; }

        public string Evidence { get; }

        public string Missing { get; }
    }
}
