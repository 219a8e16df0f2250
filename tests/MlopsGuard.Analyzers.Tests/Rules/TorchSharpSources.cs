namespace MlopsGuard.Analyzers.Tests.Rules
{
    /// <summary>A small TorchSharp model shared by the tests of the TorchSharp rules.</summary>
    internal static class TorchSharpSources
    {
        public const string Model = @"
public sealed class Classifier : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
{
    private readonly TorchSharp.Modules.Linear _fc1 = TorchSharp.torch.nn.Linear(10, 32);
    private readonly TorchSharp.Modules.Dropout _dropout = TorchSharp.torch.nn.Dropout(0.2);
    private readonly TorchSharp.Modules.Linear _fc2 = TorchSharp.torch.nn.Linear(32, 1);

    public Classifier() : base(nameof(Classifier)) => RegisterComponents();

    public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor input) =>
        _fc2.forward(_dropout.forward(TorchSharp.torch.nn.functional.relu(_fc1.forward(input))));
}
";
    }
}
