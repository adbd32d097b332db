import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { parseDashboard, parseTargets, type DashboardDefinition, type TargetDefinition } from '@amanah/dashboards';

export const DASHBOARDS_DIR = Symbol('DashboardsDir');

/**
 * The dashboard files, read and validated once when the API starts. A bad file stops the start with a message that
 * names the file, the widget and the unknown name (DashboardFileError), rather than failing later in a browser.
 */
@Injectable()
export class DashboardRegistry {
  readonly dashboards: DashboardDefinition[];
  readonly targets: TargetDefinition[];

  constructor(@Inject(DASHBOARDS_DIR) readonly directory: string) {
    const files = readdirSync(directory).filter((file) => file.endsWith('.json')).sort();
    this.targets = files.includes('targets.json') ? parseTargets(read(directory, 'targets.json'), 'dashboards/targets.json') : [];
    this.dashboards = files
      .filter((file) => file !== 'targets.json')
      .map((file) => parseDashboard(read(directory, file), `dashboards/${file}`));
  }

  find(id: string): DashboardDefinition | undefined {
    return this.dashboards.find((d) => d.id === id);
  }
}

function read(directory: string, file: string): string {
  return readFileSync(path.join(directory, file), 'utf8');
}
