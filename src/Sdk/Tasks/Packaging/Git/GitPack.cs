using System;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>A pack index and its pack. The pack is opened on the first hit, so a miss costs only index reads.</summary>
    internal sealed class GitPack : IDisposable
    {
        private readonly Func<GitByteSource> openIndex;
        private readonly Func<GitByteSource> openPack;
        private readonly int hashLength;
        private readonly string name;
        private GitByteSource? indexSource;
        private GitByteSource? packSource;
        private GitPackIndex? index;
        private GitPackFile? pack;
        private GitFormatException? broken;

        /// <param name="name">The pack's file name without extension, for messages.</param>
        public GitPack(Func<GitByteSource> openIndex, Func<GitByteSource> openPack, int hashLength, string name)
        {
            this.openIndex = openIndex;
            this.openPack = openPack;
            this.hashLength = hashLength;
            this.name = name;
        }

        public bool TryFind(ReadOnlySpan<byte> id, out long offset)
        {
            if (broken != null)
            {
                throw broken;
            }

            if (index == null)
            {
                try
                {
                    indexSource = openIndex();
                    index = GitPackIndex.Open(indexSource, hashLength, name + ".idx");
                }
                catch (GitFormatException ex)
                {
                    // Remembered, so a broken index is parsed once and not again for every base of a delta chain.
                    broken = ex;
                    throw;
                }
            }

            return index.TryFind(id, out offset);
        }

        public GitPackFile File
        {
            get
            {
                if (pack == null)
                {
                    packSource = openPack();
                    var opened = GitPackFile.Open(packSource, hashLength, name + ".pack");
                    if (index != null && opened.Count != index.Count)
                    {
                        throw new GitFormatException($"pack {name}.pack holds {opened.Count} objects but its index lists {index.Count}");
                    }

                    pack = opened;
                }

                return pack;
            }
        }

        public void Dispose()
        {
            indexSource?.Dispose();
            packSource?.Dispose();
        }
    }
}
