/**
 * Display names of common Microsoft connectors, keyed by the API name a Power Automate / Logic Apps file stores
 * (`connectionReferences.<ref>.api.name`, `…/apis/<name>`), so the report says "Office 365 Outlook" where the file says
 * `shared_office365`. Names as on each connector's page in the Microsoft Learn connector reference
 * (https://learn.microsoft.com/connectors/connector-reference/); unknown names (custom connectors, rarer ones) are
 * shown as stored.
 */
const NAMES: Record<string, string> = {
  office365: 'Office 365 Outlook',
  office365users: 'Office 365 Users',
  office365groups: 'Office 365 Groups',
  sharepointonline: 'SharePoint',
  onedriveforbusiness: 'OneDrive for Business',
  onedrive: 'OneDrive',
  teams: 'Microsoft Teams',
  commondataserviceforapps: 'Microsoft Dataverse',
  commondataservice: 'Microsoft Dataverse (legacy)',
  excelonlinebusiness: 'Excel Online (Business)',
  approvals: 'Approvals',
  planner: 'Planner',
  todo: 'Microsoft To Do (Business)',
  azuread: 'Microsoft Entra ID',
  webcontents: 'HTTP with Microsoft Entra ID (preauthorized)',
  rss: 'RSS',
  sql: 'SQL Server',
  azureblob: 'Azure Blob Storage',
  keyvault: 'Azure Key Vault',
  servicebus: 'Service Bus',
  sendmail: 'Mail',
  outlook: 'Outlook.com',
  gmail: 'Gmail',
  flowpush: 'Notifications',
  powerappsforappmakers: 'Power Apps for Makers',
  powerplatformforadmins: 'Power Platform for Admins',
  conversionservice: 'Content Conversion',
  acsemail: 'Azure Communication Email',
  azurecommunicationservicessms: 'Azure Communication Services SMS',
  wordonlinebusiness: 'Word Online (Business)',
  salesforce: 'Salesforce',
  dynamicscrmonline: 'Dynamics 365 (deprecated)',
  formsconnector: 'Microsoft Forms',
  microsoftforms: 'Microsoft Forms',
  aibuilder: 'AI Builder',
};

/** "Office 365 Outlook" for `shared_office365` (also `office365`, `/providers/…/apis/shared_office365`); else undefined. */
export function connectorDisplayName(apiName: string | undefined): string | undefined {
  if (!apiName) return undefined;
  const key = apiName.split('/').pop()!.replace(/^shared_/, '').toLowerCase();
  return NAMES[key];
}
