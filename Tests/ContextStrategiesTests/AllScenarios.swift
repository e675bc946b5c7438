import XCTest
import HostRuntime
import ContextStrategies

/// Every registered scenario (for the divergence matrix and the count).
let allScenarios: [any Scenario.Type] = [
    RunReturnsAndRestores.self, RunRestoresOnThrow.self, NestedRuns.self, TwoStoragesIndependent.self,
    ExitInsideRun.self, ExitOutsideRunThenRun.self, ExitOneStorageOnly.self,
    TimeoutCreationContext.self, IntervalEveryTick.self, ImmediateCreationContext.self,
    NextTickCreationContext.self, QueueMicrotaskCreationContext.self,
    ThenSeesRegistrationContext.self, ThenOutsideRunOnPromiseFromRun.self, CatchOutsideRun.self,
    ChainLinksSeeRegistration.self, FinallySeesRegistration.self, CombinatorsSeeCallContext.self,
    EnterWithInThenDoesNotLeak.self,
    AwaitKeepsContext.self, ConcurrentAsyncFunctions.self, RunReturnsPromise.self, RunAfterAwait.self,
    AwaitRejectionCaught.self,
    AwaitThenable.self, ReturnThenableFromAsync.self, PromiseResolveThenable.self, ThenableFromThenHandler.self,
    ResolveWithNativePromise.self,
    BindCapturesContext.self, SnapshotRunsInCapturedContext.self, SnapshotWrapRestoresOnThrow.self,
    AsyncResourceScopes.self, SnapshotCapturesAllVariables.self,
    EmitterEmitTimeContext.self, DeepNesting.self,
    UncaughtExceptionContext.self, UnhandledRejectionSameContext.self,
    UnhandledRejectionCreationVsRejection.self, EnterWithDisableRun.self, EnterWithPropagates.self,
    DisableThenRun.self, StaleValueAfterReenable.self, ExitWithDefaultValue.self,
    VariableDefaultAndName.self, ObjectStoresByIdentity.self, InterleavedRequests.self,
    RunInsideThenCallback.self, TimerInsideAsyncScope.self, AnyAndAllSettled.self,
    FreshStorageEmpty.self, StorageCreatedLate.self, RootSnapshot.self, RunWithSameValue.self,
    RunInsideExitReenables.self,
] + releaseAndAPIScenarios
