import type { KeyValueStore } from '../core/ports/key-value-store';

/** KeyValueStore over PropertiesService's script properties (shared by every user of the script). */
export class ScriptPropertiesStore implements KeyValueStore {
  private readonly props = PropertiesService.getScriptProperties();

  get(key: string): string | null {
    return this.props.getProperty(key);
  }

  getAll(): Record<string, string> {
    return this.props.getProperties();
  }

  set(key: string, value: string): void {
    this.props.setProperty(key, value);
  }

  setAll(values: Record<string, string>): void {
    this.props.setProperties(values, false);
  }

  delete(key: string): void {
    this.props.deleteProperty(key);
  }
}
