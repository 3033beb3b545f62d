// One task pod from a synthesized basePodTemplate: volumes materialized, init containers run with their
// own commands, mounts and users, then any number of commands in the task container's view.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigMapStore } from './config-maps';
import { type MaterializedVolume, materializeVolumes, PodStuckError } from './materialize-volumes';
import type { Container, EnvVar, PodTemplate, SecurityContext, VolumeMount } from './pod-spec';
import { describeResult, type ProcessResult } from './process';
import type { Bind, ContainerRunner, DefaultCaUser, RunAs } from './run-container';
import type { SystemImage } from './system-image';

/** The pod does not get its containers running: the status `kubectl get pod` would show, and why. */
export class PodFailure extends Error {
  constructor(
    readonly status: string,
    reason: string,
  ) {
    super(`pod ${status}: ${reason}`);
    this.name = 'PodFailure';
  }
}

export interface PodSetup {
  /** A folder name for this pod under the scratch folder. */
  readonly name: string;
  readonly template: PodTemplate;
  /** The namespace task pods run in: ConfigMaps are looked up there. */
  readonly namespace: string;
  readonly configMaps: ConfigMapStore;
  readonly image: SystemImage;
  readonly runner: ContainerRunner;
  readonly scratch: string;
}

export interface ContainerResult {
  readonly container: string;
  readonly runAs: string;
  readonly result: ProcessResult;
}

const depth = (p: string) => p.split('/').filter(Boolean).length;

function envOf(where: string, list: readonly EnvVar[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of list ?? []) {
    if (
      typeof variable.value !== 'string' ||
      Object.keys(variable).some((k) => k !== 'name' && k !== 'value')
    ) {
      throw new Error(`${where}: env ${variable.name} is not a plain value; the harness emulates only value`);
    }
    env[variable.name] = variable.value;
  }
  return env;
}

/** The user the kubelet starts a container as. The emulated image has no USER, so root by default. */
export function runAsOf(container: string, context: SecurityContext | undefined): RunAs | undefined {
  if (!context) return undefined;
  if (context.capabilities?.add?.length) {
    throw new Error(`${container}: capabilities.add is not emulated by the harness`);
  }
  const uid = context.runAsUser ?? 0;
  if (context.runAsNonRoot && uid === 0) {
    throw new PodFailure(
      'CreateContainerConfigError',
      `container ${container} has runAsNonRoot and image will run as root`,
    );
  }
  return {
    uid,
    gid: context.runAsGroup ?? 0,
    noNewPrivs: context.allowPrivilegeEscalation === false,
    dropAllCapabilities: context.capabilities?.drop?.includes('ALL') ?? false,
  };
}

function describeUser(runAs: RunAs | undefined): string {
  return runAs ? `uid ${runAs.uid} gid ${runAs.gid}` : 'root (no securityContext)';
}

export class TaskPod {
  /** Materializes the volumes and runs the init containers; throws PodFailure when the pod would not start. */
  static async start(setup: PodSetup): Promise<TaskPod> {
    const dir = path.join(setup.scratch, 'pods', setup.name);
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    let volumes: Map<string, MaterializedVolume>;
    try {
      volumes = materializeVolumes(dir, setup.template.volumes ?? [], setup.configMaps, setup.namespace);
    } catch (error) {
      if (error instanceof PodStuckError) {
        throw new PodFailure(
          'ContainerCreating',
          error.message.replace(/^pod stuck in ContainerCreating: /, ''),
        );
      }
      throw error;
    }
    const pod = new TaskPod(setup, dir, volumes);
    for (const init of setup.template.initContainers ?? []) {
      if (!Array.isArray(init.command) || init.command.length === 0) {
        throw new Error(`init container ${init.name}: no command (the image's entrypoint is not emulated)`);
      }
      const runAs = runAsOf(init.name, init.securityContext);
      const result = await setup.runner.run({
        name: `${setup.name}/${init.name}`,
        binds: pod.bindsFor(init.name, init.volumeMounts ?? []),
        runAs,
        env: envOf(init.name, init.env),
        argv: [...init.command, ...(init.args ?? [])],
      });
      pod.initResults.push({ container: init.name, runAs: describeUser(runAs), result });
      if (result.code !== 0) {
        throw new PodFailure('Init:Error', describeResult(`init container ${init.name}`, result));
      }
    }
    return pod;
  }

  readonly initResults: ContainerResult[] = [];

  private constructor(
    private readonly setup: PodSetup,
    readonly dir: string,
    private readonly volumes: ReadonlyMap<string, MaterializedVolume>,
  ) {}

  /** Where a volume's content is on this machine. */
  hostPath(volume: string): string {
    const found = this.volumes.get(volume);
    if (!found) throw new Error(`no volume "${volume}" in the pod`);
    return found.hostPath;
  }

  /** The init container of this name, as the template gives it. */
  initContainer(name: string): Container | undefined {
    return this.setup.template.initContainers?.find((c) => c.name === name);
  }

  /**
   * Runs `argv` as the task container: the template's top-level volumeMounts and env only. The task
   * container has no securityContext in the template, so it runs as root like ClearML task pods.
   */
  runTask(name: string, argv: readonly string[], defaultCaUser?: DefaultCaUser): Promise<ProcessResult> {
    return this.setup.runner.run({
      name: `${this.setup.name}/task/${name}`,
      binds: this.bindsFor('task', this.setup.template.volumeMounts ?? []),
      env: envOf('task container', this.setup.template.env),
      argv,
      defaultCaUser,
    });
  }

  /** The image layer, then the container's volume mounts, parents first (as the runtime sorts them). */
  private bindsFor(container: string, mounts: readonly VolumeMount[]): Bind[] {
    const own = mounts.map((mount): Bind => {
      if (typeof mount.mountPath !== 'string' || !mount.mountPath.startsWith('/')) {
        throw new Error(`${container}: volumeMount ${mount.name} needs an absolute mountPath`);
      }
      const volume = this.volumes.get(mount.name);
      if (!volume) {
        // The API server refuses such a pod outright.
        throw new PodFailure(
          'rejected',
          `${container}: volumeMounts.name "${mount.name}" is not a volume of the pod`,
        );
      }
      let source = volume.hostPath;
      if (mount.subPath) {
        // The kubelet resolves the subPath's symlinks (the atomic writer's) and bind-mounts the real file.
        const wanted = path.join(volume.hostPath, mount.subPath);
        if (!fs.existsSync(wanted)) {
          throw new PodFailure(
            'CreateContainerError',
            `${container}: subPath "${mount.subPath}" does not exist in volume "${mount.name}"`,
          );
        }
        source = fs.realpathSync(wanted);
        if (!source.startsWith(`${fs.realpathSync(volume.hostPath)}/`)) {
          throw new PodFailure(
            'CreateContainerError',
            `${container}: subPath "${mount.subPath}" leaves volume "${mount.name}"`,
          );
        }
      }
      return {
        target: path.posix.normalize(mount.mountPath),
        source,
        readOnly: volume.alwaysReadOnly || mount.readOnly === true,
      };
    });
    const targets = own.map((b) => b.target);
    const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
    if (duplicate) throw new PodFailure('rejected', `${container}: two volumeMounts at ${duplicate}`);
    // Stable sort: at equal depth the image layer stays under the volume mounted over it.
    return [...this.setup.image.layer, ...own]
      .map((bind, order) => ({ bind, order }))
      .sort((a, b) => depth(a.bind.target) - depth(b.bind.target) || a.order - b.order)
      .map(({ bind }) => bind);
  }
}
